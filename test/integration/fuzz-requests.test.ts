/** The request fuzz at an edit-loop count (FUZZ_RUNS, default 1,000); the e2e tier runs 10,000. */
import { describeFuzz } from '../support/fuzz-lambda';

describeFuzz(Number(process.env.FUZZ_RUNS ?? 1_000), Number(process.env.FUZZ_SEED ?? 20261203));
