import { describe, expect, it } from 'vitest'
import { interventionTemplate } from '@/core/forms/templates'
import { settingChanges, valueChanges } from '@/core/forms/version-diff'

const form = (consensus: Record<string, unknown>) => ({ id: 'f', name: 'Outcomes', definition: interventionTemplate, consensus: consensus as never })

describe('changes between published versions, value by value', () => {
  it('lists changed, added and removed agreed values of studies in both versions, as people read them', () => {
    const before = {
      studies: [
        { id: 'a', label: 'Ahmed 2019' },
        { id: 'b', label: 'Berg 2020' },
      ],
      forms: [
        form({
          a: { arms: { intervention: 'Alternate-day iron', comparator: 'Daily iron' }, dichotomous: [{ outcome: 'Anaemia resolved', data: { events1: 30, total1: 50, events2: 25, total2: 50 } }] },
          b: { arms: { intervention: 'Alternate-day iron', comparator: 'Daily iron' } },
        }),
      ],
    }
    const after = {
      studies: [...before.studies, { id: 'c', label: 'Chen 2024' }],
      forms: [
        form({
          a: { arms: { intervention: 'Alternate-day iron', comparator: 'Daily iron' }, dichotomous: [{ outcome: 'Anaemia resolved', data: { events1: 31, total1: 50, events2: 25, total2: 50 } }] },
          b: { arms: { intervention: 'Alternate-day iron', comparator: 'Daily iron (ferrous sulfate)' } },
          c: { arms: { intervention: 'x', comparator: 'y' } },
        }),
      ],
    }
    expect(valueChanges(before, after)).toEqual({
      changes: [
        { study: 'Ahmed 2019', form: 'Outcomes', field: 'Dichotomous outcomes 1 · Events / total (intervention, comparator)', before: '30 / 50 vs 25 / 50', after: '31 / 50 vs 25 / 50' },
        { study: 'Berg 2020', form: 'Outcomes', field: 'Arms · Comparator', before: 'Daily iron', after: 'Daily iron (ferrous sulfate)' },
      ],
      more: 0,
    })
  })

  it('names the analysis settings that changed', () => {
    expect(settingChanges({ kind: 'univariate', measure: 'RR', method: 'REML' }, { kind: 'univariate', measure: 'RR', method: 'MH' })).toEqual(['method: REML → MH'])
    expect(settingChanges({ subgroup: null }, { subgroup: { sectionId: 's', fieldId: 'f' } })).toEqual(['subgroup: none → {"sectionId":"s","fieldId":"f"}'])
  })
})
