/* org_trace — the trace's event names, from the one list in org_trace.h. */
#include "models/org_trace.h"

#include <string.h>

static const char *const ev_names[ORG_TR_COUNT] = {
#define ORG_TRACE_NAME_(id, name) name,
    ORG_TRACE_EVENTS(ORG_TRACE_NAME_)
#undef ORG_TRACE_NAME_
};

const char *org_trace_ev_name(org_trace_ev e)
{
    return (unsigned)e < ORG_TR_COUNT ? ev_names[e] : "?";
}

int org_trace_ev_parse(const char *name)
{
    for (int i = 0; i < ORG_TR_COUNT; i++)
        if (!strcmp(ev_names[i], name))
            return i;
    return -1;
}
