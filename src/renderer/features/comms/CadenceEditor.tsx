import { useState } from 'react'
import { SEVERITIES, type Severity } from '../../../shared/incident/model'
import { useAppStore } from '../../stores/app-store'

const MIN_MINUTES = 5
const MAX_MINUTES = 1440

function CadenceInput({ severity }: { severity: Severity }) {
  const cadence = useAppStore((s) => s.cadence)
  const saveCadence = useAppStore((s) => s.saveCadence)
  const [value, setValue] = useState(String(cadence[severity]))
  const minutes = Number(value)
  const valid = Number.isInteger(minutes) && minutes >= MIN_MINUTES && minutes <= MAX_MINUTES
  return (
    <label className="inline-field">
      {severity}
      <input
        type="number"
        min={MIN_MINUTES}
        max={MAX_MINUTES}
        value={value}
        aria-invalid={!valid}
        onChange={(e) => {
          setValue(e.target.value)
          const next = Number(e.target.value)
          if (Number.isInteger(next) && next >= MIN_MINUTES && next <= MAX_MINUTES)
            void saveCadence({ ...useAppStore.getState().cadence, [severity]: next })
        }}
        onBlur={() => !valid && setValue(String(useAppStore.getState().cadence[severity]))}
      />
    </label>
  )
}

/** Minutes between stakeholder updates for each severity (kept for every incident). */
export function CadenceEditor() {
  return (
    <fieldset className="cadence-editor">
      <legend>
        Update cadence, minutes ({MIN_MINUTES}–{MAX_MINUTES})
      </legend>
      {SEVERITIES.map((severity) => (
        <CadenceInput key={severity} severity={severity} />
      ))}
    </fieldset>
  )
}
