'use client'
import { Field, Input } from '@/components/ui/field'

/** The screening settings every review has, shared by the create and settings forms. */
export function ScreeningSettingsFields(props: { fieldErrors: Record<string, string[] | undefined>; votesRequired: number; blindScreening: boolean; disabled?: boolean }) {
  return (
    <fieldset className="grid gap-4 sm:grid-cols-2" disabled={props.disabled}>
      <legend className="sr-only">Screening</legend>
      <Field label="Votes required per record" error={props.fieldErrors.votesRequired} hint="Independent votes from different reviewers (Cochrane recommends two).">
        {(p) => <Input {...p} name="votesRequired" type="number" min={1} max={5} defaultValue={props.votesRequired} className="w-24" />}
      </Field>
      <div className="space-y-1 pt-5">
        <label className="flex items-start gap-2 text-ui">
          <input type="checkbox" name="blindScreening" defaultChecked={props.blindScreening} className="mt-0.5 size-4 accent-accent-700" />
          <span>
            <span className="font-medium">Blinded screening</span>
            <span className="block text-xs text-stone-500">Until a record is resolved, reviewers see only their own vote.</span>
          </span>
        </label>
      </div>
    </fieldset>
  )
}
