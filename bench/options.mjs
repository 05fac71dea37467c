/** The command line of `npm run bench` (options: see run.mjs). */
const argv = process.argv.slice(2);
export const flag = (name) => argv.includes(`--${name}`);
const opt = (name, def) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
export const PORT = Number(opt('port', 4180));
export const BACKENDS = opt('backends', 'webgpu,webgl,wasm,cpu').split(',');
export const SIZES = flag('quick') ? [1000, 10000] : [1000, 10000, 100000];
export const MS = flag('quick') ? 1200 : 2500;
export const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** --only=startup,aa,rollout,owndata,throughput,engine,crossover,sweep,compression,capacity,defaults,stalls runs just those sections. */
const ONLY = opt('only', '');
export const want = (section) => !ONLY || ONLY.split(',').includes(section);
