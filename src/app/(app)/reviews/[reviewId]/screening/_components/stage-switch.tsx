import { NavSegmented } from '@/components/ui/nav-segmented'

/** Title/abstract or full text: the two stages every screening page offers. */
export function StageSwitch({ base, stage }: { base: string; stage: 'TITLE_ABSTRACT' | 'FULL_TEXT' }) {
  return (
    <NavSegmented
      label="Screening stage"
      value={stage}
      items={[
        { value: 'TITLE_ABSTRACT', label: 'Title & abstract', href: base },
        { value: 'FULL_TEXT', label: 'Full text', href: `${base}?stage=full-text` },
      ]}
    />
  )
}
