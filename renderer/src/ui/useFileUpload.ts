// One file chosen in a hidden <input type=file> and sent: upload progress (null when idle), the
// input cleared afterwards so the same file can be chosen again. Shared by the form tables' and the
// list pages' Excel imports.
import { useRef, useState } from 'react';

export function useFileUpload(send: (file: File, onProgress: (fraction: number) => void) => Promise<void>) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const choose = async (file: File | undefined) => {
    if (!file) return;
    setBusy(0);
    try {
      await send(file, setBusy);
    } finally {
      setBusy(null);
      if (input.current) input.current.value = '';
    }
  };
  return { input, busy, choose };
}
