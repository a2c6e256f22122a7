import { integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per attempt to load a dataset into the warehouse (seed pack, generator, import). */
export const dataLoads = pgTable('data_loads', {
  id: serial('id').primaryKey(),
  dataset: text('dataset').notNull(),
  /** Where the data came from: seed file names, generator settings, upload name. */
  source: text('source').notNull(),
  /** Fingerprint of the inputs and loader version: an identical one means nothing to reload. */
  fingerprint: text('fingerprint').notNull(),
  status: text('status', { enum: ['running', 'success', 'failed'] }).notNull(),
  rowsLoaded: integer('rows_loaded').notNull().default(0),
  /** Rows kept but not placed on the map (unknown territory code), reported, never dropped. */
  rowsUnplaced: integer('rows_unplaced').notNull().default(0),
  rowsRejected: integer('rows_rejected').notNull().default(0),
  report: jsonb('report').$type<Record<string, unknown>>().notNull().default({}),
  error: text('error'),
  engine: text('engine').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

export type DataLoad = typeof dataLoads.$inferSelect;
