/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/** The stripe patterns of pending agreements, defined once per page (layout) for every map and legend. */
import { MODELS } from '../../read/timeline.ts';
import { MODEL_COLOR } from './map-style.ts';

export function MapDefs() {
  return (
    <defs>
      {[...MODELS, 'several'].map((m) => (
        <pattern
          key={m}
          id={`pend-${m}`}
          patternUnits="userSpaceOnUse"
          width="6"
          height="6"
          patternTransform="rotate(45)"
        >
          <rect width="6" height="6" fill="#ffffff" />
          <rect width="3" height="6" fill={MODEL_COLOR[m]} />
        </pattern>
      ))}
    </defs>
  );
}
