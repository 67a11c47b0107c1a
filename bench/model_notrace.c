/* bench_model_notrace — bench_model with the trace compiled out of the
 * simulator, to show that tracing when off costs nothing measurable. */
#define ORG_SIM_NO_TRACE 1
#define BENCH_LABEL "trace compiled out"
#include "models/org_sim.c"
#include "bench/model.c"
