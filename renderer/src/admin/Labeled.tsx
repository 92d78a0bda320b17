// A labelled control of the console's editors, with its help text and the problems found at it.
import type { ReactNode } from 'react';
import type { Placed } from './lint';
import { InlineProblems } from './ProblemList';
import { Help } from './Help';

export function Labeled({ id, label, help, tip, problems = [], children, required, className = '' }: {
  id: string; label: ReactNode; help?: ReactNode; problems?: Placed[]; children: ReactNode; required?: boolean; className?: string;
  /** A "?" beside the label explaining the setting with an example (Help; outside the label, being a button). */
  tip?: ReactNode;
}) {
  return (
    <div className={`field ${problems.length ? 'has-error' : ''} ${className}`}>
      {tip ? (
        <div className="field-label-row">
          <label className="field-label" htmlFor={id}>{label}{required && <span className="req" aria-hidden="true">*</span>}</label>
          <Help title={typeof label === 'string' ? label : '说明'}>{tip}</Help>
        </div>
      ) : <label className="field-label" htmlFor={id}>{label}{required && <span className="req" aria-hidden="true">*</span>}</label>}
      {children}
      {help && <p className="field-help">{help}</p>}
      <InlineProblems problems={problems} />
    </div>
  );
}

/** A number input that passes undefined when emptied. */
export function NumberInput({ id, value, onChange, min, step, className = 'form-control', placeholder }: {
  id: string; value: number | undefined; onChange: (v: number | undefined) => void; min?: number; step?: number; className?: string; placeholder?: string;
}) {
  return (
    <input id={id} type="number" className={className} value={value ?? ''} min={min} step={step} placeholder={placeholder}
      onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))} />
  );
}
