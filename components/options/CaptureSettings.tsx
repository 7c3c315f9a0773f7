import { WEBMAILS } from '../../utils/webmail/hosts';
import type { OptionsModel } from './model';

export function CaptureSettings({ model }: { model: OptionsModel }) {
  return (
    <section aria-labelledby="capture-heading">
      <h2 id="capture-heading">Capture from webmail</h2>
      <p class="hint">Tokenkeep offers to save a token when you open a Salesforce token email. Turn it off where you do not want it to look.</p>
      <ul class="toggles">
        {WEBMAILS.map((w) => (
          <li key={w.id}>
            <label>
              <input type="checkbox" checked={model.settings.value.capture[w.id]} onChange={(e) => void model.setCapture(w.id, e.currentTarget.checked)} />
              {w.name}
              <span class="origins">{w.origins.map((o) => o.replace('https://', '')).join(', ')}</span>
            </label>
          </li>
        ))}
      </ul>
    </section>
  );
}
