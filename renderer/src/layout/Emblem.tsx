// The platform's mark: a house under a roof in a red seal, drawn inline (no image files).
export function Emblem({ size = 56 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false" className="emblem">
      <circle cx="32" cy="32" r="30" fill="#c62828" stroke="#ffd54f" strokeWidth="2.5" />
      <circle cx="32" cy="32" r="24" fill="none" stroke="#ffd54f" strokeWidth="1" opacity="0.8" />
      <path d="M14 31 32 16l18 15" fill="none" stroke="#fff" strokeWidth="3.5" strokeLinejoin="round" strokeLinecap="round" />
      <path d="M19 29v16h26V29" fill="#fff" opacity="0.95" />
      <rect x="28" y="35" width="8" height="10" fill="#c62828" />
      <rect x="22" y="32" width="5" height="5" fill="#c62828" />
      <rect x="37" y="32" width="5" height="5" fill="#c62828" />
    </svg>
  );
}
