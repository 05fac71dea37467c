/**
 * The three functions of hyparquet that parquet.ts uses, imported by name so that the bundle keeps only what they need
 * (a dynamic import of the package itself would keep all of it). parquet.ts loads this module with import(): it is the
 * chunk fetched when the first Parquet file arrives.
 */
export { parquetMetadataAsync, parquetRead, parquetSchema } from 'hyparquet';
