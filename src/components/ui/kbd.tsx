/** A key on the keyboard, as the screening page's shortcuts show it. */
export const Kbd = ({ children }: { children: string }) => (
  <kbd className="rounded border border-stone-300 bg-stone-50 px-1 font-mono text-fine text-stone-600 shadow-[inset_0_-1px_0_rgba(0,0,0,0.08)]">{children}</kbd>
)
