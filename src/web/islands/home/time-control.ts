/**
 * The time control: the slider over the lists (a move redraws on the next frame), the play button (one list every
 * 150 ms from the current one, or from the first when at the end; stops at the last or when pressed again), and
 * the date shown beside them.
 */
import type { HomeMessages } from './config.ts';

/** Wires the slider and the play button to `state.d`; returns what shows the date `day` of `state.d`. */
export function timeControl(
  state: { d: number },
  last: number,
  m: HomeMessages,
  update: () => void,
  schedule: () => void,
) {
  const range = document.getElementById('time') as HTMLInputElement | null;
  const out = document.getElementById('time-out');
  const play = document.getElementById('play') as HTMLButtonElement | null;
  range?.addEventListener('input', () => {
    state.d = Number(range.value);
    schedule();
  });
  let timer: ReturnType<typeof setInterval> | null = null;
  const stop = () => {
    if (timer) clearInterval(timer);
    timer = null;
    if (play) {
      play.textContent = m.play;
      play.setAttribute('aria-pressed', 'false');
    }
  };
  play?.addEventListener('click', () => {
    if (timer) return stop();
    if (state.d >= last) state.d = 0;
    play.textContent = m.pause;
    play.setAttribute('aria-pressed', 'true');
    timer = setInterval(() => {
      if (state.d >= last) return stop();
      state.d++;
      update();
    }, 150);
  });
  return (day: string) => {
    if (out) out.textContent = day;
    if (range) {
      range.value = String(state.d);
      range.setAttribute('aria-valuetext', day);
    }
  };
}
