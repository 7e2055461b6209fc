import { useState } from 'preact/hooks';
import { DIMENSION_LABELS, formatScore } from '../lib/format';
import { DIMENSIONS, type Dimension, type ScorecardView } from '../lib/types';
import { currentWeights, whatIfScore } from '../lib/what-if';
import { BandBadge } from './band-badge';

/** Weight sliders that preview the score in the browser; nothing is sent or saved. */
export function WhatIf({ card }: { card: ScorecardView }) {
  const [weights, setWeights] = useState<Record<Dimension, number>>(() => currentWeights(card));
  const preview = whatIfScore(card, weights);
  return (
    <section class="panel what-if" aria-labelledby="whatif-h" data-testid="what-if">
      <h2 id="whatif-h">What if the weights were different?</h2>
      <p class="muted">Move a weight to preview the score. Nothing is saved; admins change weights in the contract settings.</p>
      <div class="sliders">
        {DIMENSIONS.map((d) => (
          <div key={d} class="slider">
            <label for={`w-${d}`}>
              {DIMENSION_LABELS[d]} <span class="muted">(score {formatScore(card.dimensions[d]?.score ?? null)})</span>
            </label>
            <input
              id={`w-${d}`}
              type="range"
              min={0}
              max={100}
              step={1}
              value={weights[d]}
              onInput={(e) => setWeights({ ...weights, [d]: Number((e.target as HTMLInputElement).value) })}
              data-testid={`weight-${d}`}
            />
            <output for={`w-${d}`}>{weights[d]}</output>
          </div>
        ))}
      </div>
      <p class="what-if-result" aria-live="polite">
        Preview: <strong data-testid="what-if-score">{formatScore(preview.score)}</strong> <BandBadge band={preview.band} /> (saved score{' '}
        {formatScore(card.score)})
      </p>
      <button type="button" class="btn btn-small" onClick={() => setWeights(currentWeights(card))}>
        Reset weights
      </button>
    </section>
  );
}
