// The main step's bundle entry: everything else is side-effect free on import.
import { run } from './main.js'

await run()
