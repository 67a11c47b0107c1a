/* org_trace — the names of the event trace's event types (docs/trace.md),
 * one list shared by the writer (org_sim.c) and the reader (`explain`), so
 * neither can use a name the other does not know. */
#ifndef ORG_TRACE_H
#define ORG_TRACE_H

/* X(enumerator suffix, "ev" value), in the order docs/trace.md lists them. */
#define ORG_TRACE_EVENTS(X)                                    \
    X(RUN_STARTED, "run_started")                              \
    X(FEATURE_CREATED, "feature_created")                      \
    X(PROJECT_STARTED, "project_started")                      \
    X(TASK_CREATED, "task_created")                            \
    X(TASK_DELAYED, "task_delayed")                            \
    X(TASK_HANDOFF, "task_handoff")                            \
    X(TASK_QUEUED, "task_queued")                              \
    X(TASK_STARTED, "task_started")                            \
    X(TASK_PREEMPTED, "task_preempted")                        \
    X(CLARIFICATION_REQUESTED, "clarification_requested")      \
    X(CLARIFICATION_ANSWERED, "clarification_answered")        \
    X(TASK_FINISHED, "task_finished")                          \
    X(DEPLOYED, "deployed")                                    \
    X(FEATURE_DONE, "feature_done")                            \
    X(INCIDENT_OPENED, "incident_opened")                      \
    X(INCIDENT_ESCALATED, "incident_escalated")                \
    X(INCIDENT_RESTORED, "incident_restored")                  \
    X(ENABLEMENT_STARTED, "enablement_started")                \
    X(ENABLEMENT_DELIVERED, "enablement_delivered")            \
    X(ENGINEER_LEFT, "engineer_left")                          \
    X(ENGINEER_JOINED, "engineer_joined")                      \
    X(RUN_FINISHED, "run_finished")

typedef enum org_trace_ev {
#define ORG_TRACE_ENUM_(id, name) ORG_TR_##id,
    ORG_TRACE_EVENTS(ORG_TRACE_ENUM_)
#undef ORG_TRACE_ENUM_
    ORG_TR_COUNT
} org_trace_ev;

/* The "ev" value written for e ("?" when out of range). */
const char *org_trace_ev_name(org_trace_ev e);
/* The event type named name, or -1 when the name is not one of them. */
int org_trace_ev_parse(const char *name);

#endif
