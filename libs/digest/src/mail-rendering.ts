import type { AlertMailModel } from './alert-mail-model';
import { renderAlertHtml, renderAlertText } from './alert-mail.renderer';
import { renderDigestHtml } from './digest-html.renderer';
import type { DigestModel } from './digest-model';
import { renderDigestText } from './digest-text.renderer';
import { renderTrendChart } from './trend-chart.renderer';

/** A digest's text, its HTML, and the chart (a PNG) the HTML shows as `cid:` its chart's content id. */
export interface RenderedDigest {
  text: string;
  html: string;
  chart: Uint8Array;
}

export interface RenderedAlert {
  text: string;
  html: string;
}

/** What a render thread is asked: pure data in, pure data out (both cross threads by structured clone). */
export type MailRenderTask =
  | { kind: 'digest'; model: DigestModel; chartCid: string }
  | { kind: 'digest-preview'; model: DigestModel }
  | { kind: 'alert'; model: AlertMailModel };

export async function renderDigestMail(model: DigestModel, chartCid: string): Promise<RenderedDigest> {
  const chart = await renderTrendChart(model.trend);
  return { text: renderDigestText(model), html: await renderDigestHtml(model, `cid:${chartCid}`), chart };
}

/** The digest as HTML with its chart inline as a data: URI (for the browser preview). */
export async function renderDigestPreview(model: DigestModel): Promise<string> {
  const chart = await renderTrendChart(model.trend);
  return renderDigestHtml(model, `data:image/png;base64,${chart.toString('base64')}`);
}

export async function renderAlertMail(model: AlertMailModel): Promise<RenderedAlert> {
  return { text: renderAlertText(model), html: await renderAlertHtml(model) };
}

export function renderMail(task: MailRenderTask): Promise<RenderedDigest | RenderedAlert | string> {
  switch (task.kind) {
    case 'digest':
      return renderDigestMail(task.model, task.chartCid);
    case 'digest-preview':
      return renderDigestPreview(task.model);
    case 'alert':
      return renderAlertMail(task.model);
  }
}
