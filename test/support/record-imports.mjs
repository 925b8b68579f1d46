// Loaded with `node --import`: appends every module URL the program resolves through ESM to $DOCFLOW_IMPORTS_FILE.
import { register } from 'node:module';

register('./record-imports-hooks.mjs', import.meta.url, { data: { file: process.env.DOCFLOW_IMPORTS_FILE } });
