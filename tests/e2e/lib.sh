# Shell helpers shared by the end-to-end scripts (sourced, not run: run.sh
# only runs test_*.sh). Needs T (a scratch directory) and fail set by the caller.

# say MESSAGE: report a failure and remember it.
say() { echo "FAIL $*"; fail=1; }

# same_tree A B: the same files with the same bytes, provenance.json and .lock aside.
same_tree() {
    (cd "$1" && find . -type f ! -name provenance.json ! -name .lock | sort) >"$T/la"
    (cd "$2" && find . -type f ! -name provenance.json ! -name .lock | sort) >"$T/lb"
    if ! cmp -s "$T/la" "$T/lb"; then
        echo "file lists differ between $1 and $2:"; diff "$T/la" "$T/lb" | head -n 10; return 1
    fi
    while IFS= read -r f; do
        cmp -s "$1/$f" "$2/$f" || { echo "$f differs between $1 and $2"; return 1; }
    done <"$T/la"
    return 0
}

# no_temps DIR: no temporary file (NAME.tmp.PID.N) anywhere under DIR.
no_temps() {
    left=$(find "$1" -name '*.tmp.*' | head -n 5)
    [ -z "$left" ] || { echo "temporary files left in $1: $left"; return 1; }
}

# lo ARGS: LibreOffice headless with a private profile under $T (concurrent
# conversions must not share one); its log is printed when it fails.
lo() {
    HOME="$T" timeout 300 libreoffice -env:UserInstallation="file://$T/lo-profile" --headless \
        --norestore "$@" >"$T/lo.log" 2>&1 || { cat "$T/lo.log"; return 1; }
}

# pixel_stats FILE.ppm: "dark coloured total" (dark: r+g+b < 384; coloured: blue
# well above red, as the Okabe-Ito blue bars are).
pixel_stats() {
    dims=$(head -c 64 "$1" | sed -n 2p)
    w=${dims% *}; h=${dims#* }
    tail -c $((w * h * 3)) "$1" | od -An -v -tu1 -w3 |
        awk '{ t++; if ($1 + $2 + $3 < 384) d++; if ($3 > $1 + 60) c++ }
             END { printf "%d %d %d\n", d, c, t }'
}

# mpi_setup: for the MPI tests. Exits 77 (SKIPPED) in the sanitizer pass or
# without mpirun or build-mpi/devopsim-mpi; otherwise sets MPI_BIN and MPIRUN
# (loopback only, oversubscribed, root allowed in containers).
mpi_setup() {
    if [ "${DEVOPSIM_SANITIZED:-0}" = 1 ]; then
        echo "SKIP: MPI is kept out of the sanitizer pass"; exit 77
    fi
    MPI_BIN=${DEVOPSIM_MPI:-$ROOT/build-mpi/devopsim-mpi}
    if ! command -v mpirun >/dev/null 2>&1; then
        echo "SKIP: no mpirun (tools/setup.sh mpi installs Open MPI)"; exit 77
    fi
    if [ ! -x "$MPI_BIN" ]; then
        echo "SKIP: $MPI_BIN not built (make mpi)"; exit 77
    fi
    MPIRUN="mpirun --mca btl self,vader --mca oob_tcp_if_include lo --oversubscribe"
    [ "$(id -u)" = 0 ] && MPIRUN="$MPIRUN --allow-run-as-root"
    # Containers often forbid the cross-memory attach vader uses for large messages.
    OMPI_MCA_btl_vader_single_copy_mechanism=none
    export OMPI_MCA_btl_vader_single_copy_mechanism
}
