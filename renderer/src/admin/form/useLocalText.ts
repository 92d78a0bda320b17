// Text being typed that becomes a model value only when it is valid (a field name, a list of
// options): the input keeps what is typed, and follows the model when the model changes elsewhere.
import { useEffect, useRef, useState } from 'react';

export function useLocalText(model: string, commit: (text: string) => boolean): [string, (text: string) => void] {
  const [text, setText] = useState(model);
  const last = useRef(model);
  useEffect(() => {
    if (model !== last.current) { last.current = model; setText(model); }
  }, [model]);
  const edit = (t: string) => {
    setText(t);
    if (commit(t)) last.current = t;
  };
  return [text, edit];
}
