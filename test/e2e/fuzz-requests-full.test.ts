/** The request fuzz at full strength: 10,000 envelopes (FUZZ_FULL_RUNS to change), its own seed. */
import { describeFuzz } from '../support/fuzz-lambda';

describeFuzz(Number(process.env.FUZZ_FULL_RUNS ?? 10_000), Number(process.env.FUZZ_SEED ?? 20261124));
