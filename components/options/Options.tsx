import { CaptureSettings } from './CaptureSettings';
import { ImportEmail } from './ImportEmail';
import type { OptionsModel } from './model';

export function Options({ model }: { model: OptionsModel }) {
  return (
    <main class="options">
      <h1>Tokenkeep settings</h1>
      <CaptureSettings model={model} />
      <ImportEmail model={model} />
    </main>
  );
}
