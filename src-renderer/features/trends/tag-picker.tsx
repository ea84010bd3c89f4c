// Searchable tag list for choosing trend pens (numeric and boolean tags; strings cannot be trended).
import { useMemo, useState } from 'react';
import type { TagDto } from '../../../src-main/contract/index.js';
import { penColour } from '../../lib/pens.js';

export const MAX_PENS = 8;

export function TagPicker({ tags, selected, onToggle }: { tags: readonly TagDto[]; selected: readonly string[]; onToggle: (id: string) => void }) {
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return tags.filter((t) => t.dataType !== 'String' && words.every((w) => `${t.id} ${t.description} ${t.unit}`.toLowerCase().includes(w)));
  }, [tags, query]);
  return (
    <div className="tag-picker panel">
      <input
        className="input"
        type="search"
        placeholder="Search tags…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="tag-search"
        aria-label="Search tags"
      />
      <div className="tag-list" role="listbox" aria-multiselectable="true">
        {shown.map((t) => {
          const idx = selected.indexOf(t.id);
          const checked = idx >= 0;
          return (
            <label key={t.id} className="tag-option" data-testid={`tag-option-${t.id}`} title={t.description || t.id}>
              <input type="checkbox" checked={checked} disabled={!checked && selected.length >= MAX_PENS} onChange={() => onToggle(t.id)} />
              <span className="pen-swatch" style={{ background: checked ? penColour(idx) : 'transparent' }} />
              <span className="tag-path">
                <span>
                  {t.asset} · <strong>{t.name}</strong>
                </span>
                <span className="tag-parent">
                  {t.site}/{t.area}
                </span>
              </span>
              <span className="tag-unit">{t.unit}</span>
            </label>
          );
        })}
        {shown.length === 0 ? <div className="empty">No matching tags</div> : null}
      </div>
      <div className="faint" style={{ marginTop: 6, fontSize: 13 }}>
        {selected.length}/{MAX_PENS} pens
      </div>
    </div>
  );
}
