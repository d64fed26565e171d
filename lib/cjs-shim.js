// Injected into the CommonJS bundle (build.sh): what import.meta.url means there.
export const import_meta_url = require('node:url').pathToFileURL(__filename).href;
