import { PageHead } from '../components/page';

/** Unknown paths, and resources the viewer may not see: the server answers both with the same 404. */
export function NotFoundPage({ what = 'page' }: { what?: string }) {
  return (
    <section data-testid="not-found">
      <PageHead title="Not found" />
      <p>
        This {what} does not exist or is not yours to see. <a href="/">Back to the portfolio</a>
      </p>
    </section>
  );
}
