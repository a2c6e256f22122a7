import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WIDGET_TYPE_INFO } from '@dataetat/widgets/react';
import { afterAll, describe, expect, it } from 'vitest';
import { DASHBOARDS_DIR, formatReport, validateReferenceDashboards } from './src/validate.ts';

const temp = mkdtempSync(path.join(os.tmpdir(), 'dataetat-dashboards-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('reference dashboards (dashboards/*.json)', () => {
  const report = validateReferenceDashboards();

  it('are all valid against the schema and the catalogue', () => {
    expect(report.problems, formatReport(report)).toEqual([]);
  });

  it('give every widget at least its type’s smallest cell (minSize, where it reads whole)', () => {
    const small = report.files.flatMap((f) =>
      f.ok
        ? f.dashboard.layout.flatMap((item) => {
            const widget = f.dashboard.widgets.find((w) => w.id === item.i);
            const min = widget ? WIDGET_TYPE_INFO[widget.type].minSize : null;
            return min && (item.w < min.w || item.h < min.h)
              ? [`${f.file} ${item.i} : ${item.w}×${item.h} < ${min.w}×${min.h}`]
              : [];
          })
        : [],
    );
    expect(small).toEqual([]);
  });

  it('cover the real and demo datasets', () => {
    const titles = report.files.map((f) => (f.ok ? f.dashboard.title : f.file));
    expect(titles).toEqual(
      expect.arrayContaining([
        "Financements de l'État sur le territoire",
        "Dotations d'investissement 2019 (DETR, DSIL, DSID)",
        'Politique de la ville : adultes-relais et FONJEP',
        "Portrait financier d'un territoire",
      ]),
    );
    const datasets = new Set(
      report.files.flatMap((f) => (f.ok ? f.dashboard.widgets.map((w) => w.query?.dataset) : [])),
    );
    expect([...datasets].sort()).toEqual([
      'chorus_lignes',
      'dotations_investissement',
      'financements_publics',
      'politique_ville_postes',
    ]);
  });

  it('fails on an unknown field, naming the file, the widget and the field', () => {
    const original = JSON.parse(readFileSync(path.join(DASHBOARDS_DIR, 'politique-ville.json'), 'utf8'));
    const widget = original.widgets.findIndex((w: { id: string }) => w.id === 'carte-departements');
    original.widgets[widget].query.dimensions = ['departemnt'];
    writeFileSync(path.join(temp, 'casse.json'), JSON.stringify(original));
    writeFileSync(path.join(temp, 'illisible.json'), '{ "schemaVersion": 1,');

    const broken = validateReferenceDashboards(temp);
    expect(broken.files.map((f) => [f.file, f.ok])).toEqual([
      ['casse.json', false],
      ['illisible.json', false],
    ]);
    expect(broken.problems).toHaveLength(2);
    expect(broken.problems[0]).toBe(
      `${path.join(temp, 'casse.json')}, widget « carte-departements », emplacement « /widgets/${widget}/query/dimensions/0 » : ` +
        'le champ « departemnt » n’existe pas dans le jeu de données « politique_ville_postes ».',
    );
    expect(broken.problems[1]).toMatch(/illisible\.json : JSON illisible/);
  });
});
