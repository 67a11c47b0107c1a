/* test_know — org_know's bookkeeping, checked on a sim set up but not run
 * (internal API): the counts learning reads are those of now. */
#include "tests/testutil.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "models/org_sim_int.h"
#include "scenario/scen_load.h"

/* 2 product teams of 4, a central team of 3, the presets' knowledge
 * (own context 0.8, infrastructure 0.6, threshold 0.5, half-life 250 days,
 * capacity 25). */
static const char *SCEN =
    "{ \"name\": \"t\", \"seed\": 7, \"replications\": 1,"
    "  \"product_teams\": { \"count\": 2, \"size\": 4, \"features_per_week\": 1.5 },"
    "  \"central_team\": { \"size\": 3 },"
    "  \"models\": [ \"traditional_ops\" ], \"hosting\": [ \"iaas\" ],"
    "  \"run\": { \"warmup_days\": 60, \"measure_days\": 300, \"drain_max_days\": 300 } }";

/* A simulation of SCEN's first model and hosting point set up to its
 * components, nobody hired yet (the tests drive it by hand). */
static void sim_open(sim *S, org_scenario *s, org_sim_opts *o)
{
    assert_int_equal(test_scen_load(SCEN, "test.json", s), 0);
    org_sim_opts_init(o);
    memset(S, 0, sizeof *S);
    S->s = s;
    S->m = &s->models[0];
    S->h = &s->hostings[0];
    S->o = o;
    assert_int_equal(org__setup_arrays(S), 0);
    assert_int_equal(org__setup_people(S, s->central_size), 0);
    org__setup_components(S);
}

/* Learning reads the cognitive load as of now: a context that faded below
 * the threshold since the last flush must no longer count. A product
 * engineer is hired at day 0; the infrastructure contexts cross the
 * threshold at day ~66, the own ones at ~170. With nothing in between to
 * flush (no incident, no weekly sample), practice half-way between on an own
 * component must learn at capacity / (capacity + the contexts still above
 * the threshold). Fails without the flush before the load-factor read (the
 * faded contexts still counted: slower learning). */
static void test_load_factor_flushed(void **state)
{
    (void)state;
    org_scenario s;
    org_sim_opts o;
    sim S0, *S = &S0;
    sim_open(S, &s, &o);
    const int e = S->members[0][0];     /* a product engineer of team 0 */
    eng *E = &S->engs[e];
    E->present = 1;
    S->present_flag[e] = 1;
    org__know_hire(S, e, 0);
    const org_knowledge *K = &s.knowledge;
    int v = s.teams[0].first_service, comp = -1;
    for (int k = 0; k < ORG_TASK_KINDS && comp < 0; k++)
        if (org_kind_is_product((org_kind)k) && s.services[v].stack[k] >= 0)
            comp = v * S->n_techs + s.services[v].stack[k];
    assert_true(comp >= 0);
    double t0 = INFINITY, t1 = -INFINITY;    /* the first and last crossings of e's contexts */
    for (int c = 0; c < S->n_comps; c++) {
        const kent *k = org__ctx_find(S, E, c);
        if (k && isfinite(kv_below(S, &k->k, S->decay_ctx))) {
            t0 = fmin(t0, kv_below(S, &k->k, S->decay_ctx));
            t1 = fmax(t1, kv_below(S, &k->k, S->decay_ctx));
        }
    }
    assert_true(t0 < t1);
    S->now = 0.5 * (t0 + t1);           /* some have faded, some are held: nothing flushed */
    int held = 0, faded = 0;            /* explicit contexts above / fallen below the threshold */
    for (int c = 0; c < S->n_comps; c++)
        if (org__ctx_find(S, E, c)) {
            if (org__ctx_of(S, E, c) > K->threshold)
                held++;
            else
                faded++;
        }
    assert_true(held > 0 && faded > 0);
    assert_true(K->context_capacity > 0.0);
    double v0 = org__ctx_of(S, E, comp), days = 1.0;
    double lf = K->context_capacity / (K->context_capacity + held);
    org__ctx_practice(S, e, comp, days);
    double want = 1.0 - (1.0 - v0) * exp(-K->context_gain_per_day * lf * days);
    assert_near(org__ctx_of(S, E, comp), want, 1e-12);
    assert_int_equal(S->fail, 0);
    org__sim_free(S);
    org_scenario_destroy(&s);
}

/* Every list of knowers agrees with itself: each entry's key is the
 * ordering key of its value (org__ctx_key, the same double), its who names
 * an engineer of the right side (central or not) whose map finds exactly
 * that entry, and the entries are 32-byte aligned (two to a line). The
 * scans of org__ctx_max and dispatch prune on key and who alone, so a stale
 * key or a wrong who makes them skip the best knower. */
static void check_lists(const sim *S)
{
    for (int c = 0; c < S->n_comps; c++) {
        const klist *l = &S->knowers[c];
        assert_true(l->n <= l->cap);
        assert_true(((uintptr_t)l->p & 31u) == 0);
        for (int i = 0; i < l->n; i++) {
            const kent *x = &l->p[i];
            assert_true(x->key == org__ctx_key(S, &x->k));
            int e = klist_eng(x->who);
            assert_true(e >= 0 && e < S->n_engs);
            assert_int_equal(x->who >= 0, S->engs[e].team == S->central);
            assert_ptr_equal(org__ctx_find(S, &S->engs[e], c), x);
        }
    }
}

/* Hires, practice on infrastructure (a central engineer's first practice
 * copies the base layer into an entry, with the service's spill-over), more
 * practice later, and a slot re-hired (its entries swap-removed): the lists
 * stay consistent after each (check_lists). Fails when an update leaves
 * the key as it was, or an insertion or a removal moves the value without
 * its key or who. */
static void test_lists_consistent(void **state)
{
    (void)state;
    org_scenario s;
    org_sim_opts o;
    sim S0, *S = &S0;
    sim_open(S, &s, &o);
    for (int e = 0; e < S->n_engs; e++) {
        if (S->engs[e].team < 0)
            continue;
        S->engs[e].present = 1;
        S->present_flag[e] = 1;
        org__know_hire(S, e, 0);
    }
    check_lists(S);
    int n_infra = 0, learned = 0;
    for (int c = 0; c < S->n_comps; c++)
        n_infra += S->infra[c] != 0;
    assert_true(n_infra > 1);
    for (int round = 0; round < 3; round++) {
        S->now = 10.0 + 40.0 * round;
        for (int i = 0; i < S->n_members[S->central]; i++) {
            int e = S->members[S->central][i], k = 0;
            for (int c = 0; c < S->n_comps; c++)
                if (S->infra[c] && k++ % S->n_members[S->central] == (i + round) % S->n_members[S->central]) {
                    org__ctx_practice(S, e, c, 0.5 + round);
                    learned++;
                }
        }
        for (int t = 0; t < S->central; t++)
            org__ctx_practice(S, S->members[t][round % S->n_members[t]],
                              s.teams[t].first_service * S->n_techs + (round % S->n_techs), 1.0);
        check_lists(S);
    }
    assert_true(learned > 2);
    int e = S->members[S->central][0];      /* a new person in the slot */
    org__know_hire(S, e, 0);
    check_lists(S);
    e = S->members[0][1];
    org__know_hire(S, e, 0);
    check_lists(S);
    assert_int_equal(S->fail, 0);
    org__sim_free(S);
    org_scenario_destroy(&s);
}

/* When a value falls below the threshold (kv_below, computed since
 * session 10 rather than stored): the crossing of the decayed value, the
 * time it was set for a value at the threshold, -inf below it, +inf with
 * no threshold or no decay. */
static void test_kv_below(void **state)
{
    (void)state;
    org_scenario sc;
    memset(&sc, 0, sizeof sc);
    sim S;
    memset(&S, 0, sizeof S);
    S.s = &sc;
    sc.knowledge.threshold = 0.5;
    double decay = log(2.0) / 10.0;     /* half-life 10 days */
    kv k = { 1.0, 3.0 };
    double t = kv_below(&S, &k, decay);
    assert_near(t, 13.0, 1e-12);        /* one half-life after it was set */
    S.now = t;
    assert_near(kv_get(&S, &k, decay), 0.5, 1e-12);
    S.now = t + 1e-6;
    assert_true(kv_get(&S, &k, decay) < 0.5);
    kv at = { 0.5, 7.0 };
    assert_true(kv_below(&S, &at, decay) == 7.0);
    kv under = { 0.4999, 7.0 };
    assert_true(isinf(kv_below(&S, &under, decay)) && kv_below(&S, &under, decay) < 0.0);
    assert_true(isinf(kv_below(&S, &k, 0.0)) && kv_below(&S, &k, 0.0) > 0.0);
    sc.knowledge.threshold = 0.0;
    assert_true(isinf(kv_below(&S, &k, decay)) && kv_below(&S, &k, decay) > 0.0);
}

int test_group_know(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_factor_flushed),
        cmocka_unit_test(test_kv_below),
        cmocka_unit_test(test_lists_consistent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
