/**
 * Every text a page shows goes through domain/display-text.ts `pageText` (controls and bidi overrides left out,
 * right-to-left text isolated), whichever component writes it: a Preact `options.vnode` hook rewrites the text
 * children and the text attributes (title, labels, alt, placeholder, value) of every element as it is created, so
 * a new page or component is covered without doing anything. Attributes that are not text (href, class, ids,
 * data) and `dangerouslySetInnerHTML` (the JSON blocks) are left as they are.
 */
import { options, type VNode } from 'preact';
import { pageText } from '../domain/display-text.ts';

const TEXT_PROPS = ['title', 'aria-label', 'alt', 'placeholder', 'label', 'value'] as const;

function guardChildren(children: unknown): unknown {
  if (typeof children === 'string') return pageText(children);
  if (Array.isArray(children)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      const g = guardChildren(c);
      if (g !== c) {
        out ??= children.slice();
        out[i] = g;
      }
    }
    return out ?? children;
  }
  return children;
}

let installed = false;

/** Installs the hook once per process (or page); later calls do nothing. */
export function installTextGuard(): void {
  if (installed) return;
  installed = true;
  const previous = options.vnode;
  options.vnode = (vnode: VNode) => {
    if (typeof vnode.type === 'string' && vnode.props) {
      const props = vnode.props as Record<string, unknown>;
      if (props.children !== undefined) props.children = guardChildren(props.children);
      for (const p of TEXT_PROPS) if (typeof props[p] === 'string') props[p] = pageText(props[p] as string);
    }
    previous?.(vnode);
  };
}
