/** A node kind's icon: the registry's stroke paths, coloured by the surrounding text colour. */
export function KindIcon({ icon, size = 16 }: { icon: readonly string[]; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden
      focusable="false"
    >
      {icon.map((d) => (
        <path key={d} d={d} />
      ))}
    </svg>
  );
}
