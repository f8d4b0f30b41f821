/** The layer toggles (models and statuses): shown once the island runs; a change redraws on the next frame. */

/** The values of the checked boxes named `name` among the map's controls. */
export function checked(name: string): Set<string> {
  return new Set(
    Array.from(document.querySelectorAll<HTMLInputElement>(`#map-controls input[name="${name}"]`))
      .filter((i) => i.checked)
      .map((i) => i.value),
  );
}

export function watchLayers(schedule: () => void) {
  const controls = document.getElementById('map-controls');
  if (controls) controls.hidden = false;
  controls?.addEventListener('change', (e) => {
    // The slider (#time) has its own input event.
    const target = e.target as HTMLElement;
    if (target.getAttribute('name') !== null && target.id !== 'time') schedule();
  });
}
