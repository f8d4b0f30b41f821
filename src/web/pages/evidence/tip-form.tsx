/** @jsxRuntime automatic */
/** @jsxImportSource preact */
/**
 * The tip form of every agency page (on the server; the static export keeps the "report a correction" text, having
 * no server to receive a tip): a correction or an event in the agency's record, what happened, where and when, a
 * source link, an optional private contact. Plain text; sizes limited in the browser and checked again on the
 * server. A honeypot field hidden by the stylesheet, and the signed time the form was served (the cached page
 * holds a mark the server replaces with a fresh token on every request) catch most bots.
 */
import { TIP_LIMITS } from '../../../evidence/tips.ts';
import { atomHref, type RenderCtx, rootHref } from '../../context.ts';
import { evidenceText } from '../../evidence-text.ts';

/** Replaced in the served HTML by a fresh signed timing token (server/editor/tips.ts). */
export const TIP_TOKEN_MARK = '__REASSESS_TIP_TOKEN__';

export interface TipValues {
  kind?: string;
  what?: string;
  place?: string;
  source?: string;
  contact?: string;
}

export function TipForm(props: { ctx: RenderCtx; agencyId: string; values?: TipValues; token?: string }) {
  const { ctx, agencyId } = props;
  const e = evidenceText(ctx.lang);
  const v = props.values ?? {};
  const kind = v.kind === 'correction' ? 'correction' : 'record';
  return (
    <section aria-labelledby="tip-title" class="correction tip" id="tip">
      <h2 id="tip-title">{e('tipTitle')}</h2>
      <p>{e('tipIntro')}</p>
      <form method="post" action={rootHref(ctx, '/tips')} class="tip-form" accept-charset="utf-8">
        <input type="hidden" name="agency" value={agencyId} />
        <input type="hidden" name="lang" value={ctx.lang} />
        <input type="hidden" name="t" value={props.token ?? TIP_TOKEN_MARK} />
        <fieldset>
          <legend>{e('tipKind')}</legend>
          <label>
            <input type="radio" name="kind" value="record" checked={kind === 'record'} /> {e('tipKindRecord')}
          </label>
          <label>
            <input type="radio" name="kind" value="correction" checked={kind === 'correction'} />{' '}
            {e('tipKindCorrection')}
          </label>
        </fieldset>
        <label for="tip-what">{e('tipWhat')}</label>
        <textarea id="tip-what" name="what" required maxLength={TIP_LIMITS.what} rows={6}>
          {v.what ?? ''}
        </textarea>
        <label for="tip-place">{e('tipPlace')}</label>
        <input id="tip-place" name="place" maxLength={TIP_LIMITS.place} value={v.place ?? ''} />
        <label for="tip-source">{e('tipSource')}</label>
        <input
          id="tip-source"
          name="source"
          type="url"
          maxLength={TIP_LIMITS.source}
          value={v.source ?? ''}
        />
        <label for="tip-contact">{e('tipContact')}</label>
        <input id="tip-contact" name="contact" maxLength={TIP_LIMITS.contact} value={v.contact ?? ''} />
        <div class="hp" aria-hidden="true">
          <label for="tip-website">{e('tipHoneypot')}</label>
          <input id="tip-website" name="website" tabindex={-1} autocomplete="off" value="" />
        </div>
        <p>
          <button type="submit" class="button">
            {e('tipSend')}
          </button>
        </p>
      </form>
      <p>
        <a href={atomHref(ctx, `/feeds/agency/${agencyId}.atom`)}>Atom</a>
      </p>
    </section>
  );
}
