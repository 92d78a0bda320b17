// A preview that fails to render (a schema rjsf cannot draw while it is being edited) says so in
// place instead of taking the console down; it tries again when what it shows changes.
import { Component, type ReactNode } from 'react';

export class PreviewBoundary extends Component<{ children: ReactNode; what?: string }, { error: string | null }> {
  state = { error: null as string | null };
  static getDerivedStateFromError(e: unknown) { return { error: e instanceof Error ? e.message : String(e) }; }
  render() {
    if (this.state.error) {
      return <div className="alert alert-warning" role="status"><div className="alert-body"><strong className="alert-title">{this.props.what ?? '预览'}暂时无法显示</strong>{this.state.error}</div></div>;
    }
    return this.props.children;
  }
}
