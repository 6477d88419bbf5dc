#!/usr/bin/env bash
# Single-machine SLURM cluster for jpool's integration tests and CI.
#
#   local-cluster.sh install [--accounting]
#                                       install slurm-wlm + munge (Debian) if missing, and
#                                       slurmdbd + mariadb-server with --accounting
#   local-cluster.sh up [--nodes N] [--cpus C]
#                                       start munged, slurmctld and N slurmd (default 2),
#                                       each node declaring C CPUs (default: the cores split
#                                       among the nodes; more than that oversubscribes them)
#                                       --accounting also starts MariaDB and slurmdbd, so
#                                       that sacct works
#   local-cluster.sh down               stop everything started by `up`
#   local-cluster.sh status             print sinfo
#
# All N nodes live on this machine (slurm's multiple-slurmd support): each node
# is its own slurmd, listening on 127.0.0.1 with its own port.
# Must run as root.
set -euo pipefail

export PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:${PATH:-}"

readonly SLURM_CONF=/etc/slurm/slurm.conf
readonly BASE=/var/lib/jpool-slurm
readonly STATE_DIR=$BASE/state
readonly SPOOL_DIR=$BASE/spool
readonly RUN_DIR=$BASE/run
readonly LOG_DIR=$BASE/log
readonly CTLD_PID=$RUN_DIR/slurmctld.pid
readonly MUNGE_KEY=/etc/munge/munge.key
readonly MUNGE_RUN=/run/munge
readonly MUNGE_PID=$MUNGE_RUN/munged.pid
readonly FIRST_PORT=17001
readonly HOSTS_MARK='# jpool-slurm'
readonly WAIT_SECS=${JPOOL_SLURM_WAIT_SECS:-30}
# Accounting (up --accounting): a MariaDB of our own, on 127.0.0.1 only, and slurmdbd.
readonly SLURMDBD_CONF=/etc/slurm/slurmdbd.conf
readonly SLURMDBD_PID=$RUN_DIR/slurmdbd.pid
readonly DB_DIR=$BASE/mysql
readonly DB_RUN=$BASE/mysql-run
readonly DB_PID=$DB_RUN/mysqld.pid
readonly DB_SOCKET=$DB_RUN/mysqld.sock
readonly DB_PORT=13306
readonly DB_PASS=jpool-local-accounting

usage() {
    cat <<EOF
usage: $(basename "$0") <command>

commands:
  install [--accounting]
                     apt-get install slurm-wlm and munge unless already present; with
                     --accounting also slurmdbd and mariadb-server
  up [--nodes N] [--cpus C] [--accounting]
                     start a local cluster of N nodes (default 2), installing first if
                     needed; each node declares C CPUs (default: this machine's cores split
                     among the nodes, at least 1; a larger C oversubscribes the cores, which
                     suits tests of jobs with several CPUs, not timings); --accounting
                     also starts a local MariaDB and slurmdbd so that sacct works
  down               stop the local cluster (no-op when nothing runs)
  status             print sinfo
EOF
}

log() { echo "local-cluster: $*" >&2; }
# This machine's name as slurmctld sees it (gethostname), without needing the hostname package.
host_name() { cat /proc/sys/kernel/hostname; }
die() { log "error: $*"; exit 1; }

require_root() {
    [[ $(id -u) -eq 0 ]] || die "must run as root"
}

is_installed() {
    local bin
    for bin in slurmctld slurmd munged sbatch; do
        command -v "$bin" >/dev/null 2>&1 || return 1
    done
}

accounting_installed() {
    local bin
    for bin in slurmdbd mariadbd mariadb-install-db mariadb sacctmgr; do
        command -v "$bin" >/dev/null 2>&1 || return 1
    done
}

cmd_install() {
    require_root
    local packages=() accounting=
    [[ ${1:-} == --accounting ]] && accounting=1
    is_installed || packages+=(slurm-wlm munge)
    if [[ -n $accounting ]] && ! accounting_installed; then
        packages+=(slurmdbd mariadb-server)
    fi
    if ((${#packages[@]} == 0)); then
        log "already installed"
        return 0
    fi
    log "installing ${packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Without systemd, the packages' postinst would start the daemons through
    # their init scripts (slurmd/slurmctld fail there: no slurm.conf yet); a
    # policy-rc.d that answers 101 stops that. Container images often ship one.
    local policy=/usr/sbin/policy-rc.d own_policy=
    if [[ ! -e $policy ]]; then
        printf '#!/bin/sh\nexit 101\n' >"$policy"
        chmod 755 "$policy"
        own_policy=1
    fi
    # Three tries, 10 and 30 s apart: a mirror that blips should not fail the build.
    local rc=0 try
    for try in 1 2 3; do
        rc=0
        # Wait up to 5 minutes for another apt (a fresh machine's own updates) to let go of its locks.
        { apt-get -o DPkg::Lock::Timeout=300 update -qq \
            && apt-get -o DPkg::Lock::Timeout=300 install -y -qq -o Dpkg::Use-Pty=0 "${packages[@]}" >/dev/null; } \
            </dev/null || rc=$?
        ((rc == 0 || try == 3)) && break
        log "apt-get failed (exit $rc, try $try of 3); trying again in $((try == 1 ? 10 : 30)) s"
        sleep $((try == 1 ? 10 : 30))
    done
    [[ -n $own_policy ]] && rm -f "$policy"
    ((rc == 0)) || die "apt-get failed (exit $rc)"
    is_installed || die "slurm-wlm/munge installed but binaries are missing"
    [[ -z $accounting ]] || accounting_installed || die "slurmdbd/mariadb-server installed but binaries are missing"
}

# Is pid $1 one of our daemons, alive?  Dead daemons linger as zombies until
# pid 1 reaps them (seconds here), and a stale pid file's pid may be reused.
pid_running() {
    local stat
    stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
    [[ $stat =~ ^[0-9]+\ \((slurmctld|slurmd|slurmdbd|munged|mariadbd)\)\ ([A-Z]) ]] && [[ ${BASH_REMATCH[2]} != Z ]]
}

pidfile_alive() {
    local pid
    [[ -s $1 ]] || return 1
    pid=$(<"$1")
    [[ $pid =~ ^[0-9]+$ ]] && pid_running "$pid"
}

any_running() {
    local pid
    for pid in "$@"; do
        pid_running "$pid" && return 0
    done
    return 1
}

# TERM the processes named in the given pid files, all at once, wait up to
# 10 s for them to exit, then KILL what is left.
stop_pidfiles() {
    local pidfile pids=() i
    for pidfile in "$@"; do
        pidfile_alive "$pidfile" && pids+=("$(cat "$pidfile")")
    done
    if ((${#pids[@]} > 0)); then
        kill -TERM "${pids[@]}" 2>/dev/null || true
        for ((i = 0; i < 100; i++)); do
            any_running "${pids[@]}" || break
            sleep 0.1
        done
        if any_running "${pids[@]}"; then
            kill -KILL "${pids[@]}" 2>/dev/null || true
        fi
    fi
    rm -f "$@"
}

# TERM then KILL every process whose full command line matches the regex $1;
# covers daemons whose pid file was lost.
stop_matching() {
    local pattern=$1 i
    pkill -TERM -f "$pattern" 2>/dev/null || return 0
    for ((i = 0; i < 50; i++)); do
        pgrep -f "$pattern" >/dev/null 2>&1 || return 0
        sleep 0.1
    done
    pkill -KILL -f "$pattern" 2>/dev/null || true
}

start_munge() {
    if [[ ! -s $MUNGE_KEY ]]; then
        log "creating munge key"
        install -d -o munge -g munge -m 700 "$(dirname "$MUNGE_KEY")"
        if command -v mungekey >/dev/null 2>&1; then
            mungekey --create --keyfile="$MUNGE_KEY"
        else
            dd if=/dev/urandom of="$MUNGE_KEY" bs=1024 count=1 status=none
        fi
    fi
    chown munge:munge "$MUNGE_KEY"
    chmod 400 "$MUNGE_KEY"
    install -d -o munge -g munge -m 755 "$MUNGE_RUN"
    install -d -o munge -g munge -m 700 /var/lib/munge /var/log/munge

    # A munged that answers is used as it is, whatever its pid file says (a lost pid file,
    # or one started by the distribution's init script, would otherwise make the new
    # munged exit at once: "Failed to lock ... pid N bound to socket").
    if munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1; then
        return 0
    fi
    stop_pidfiles "$MUNGE_PID"
    stop_matching '^(/usr/sbin/)?munged( |$)'
    # munged refuses to run as root when the key belongs to munge.
    runuser -u munge -- munged </dev/null
    local i
    for ((i = 0; i < 50; i++)); do
        munge -n </dev/null 2>/dev/null | unmunge >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    die "munged did not come up; see /var/log/munge/munged.log"
}

# CPUs per node: --cpus if given, else the machine's cores split among the nodes (at least 1 each).
CPUS_PER_NODE=
node_cpus() {
    local nodes=$1 cores
    if [[ -n $CPUS_PER_NODE ]]; then
        echo "$CPUS_PER_NODE"
        return
    fi
    cores=$(nproc)
    if ((cores / nodes >= 1)); then echo $((cores / nodes)); else echo 1; fi
}

# RealMemory per node in MB: 90% of the machine's memory split among the nodes.
node_memory() {
    local nodes=$1 total_kb
    total_kb=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo)
    echo $((total_kb * 9 / 10 / 1024 / nodes))
}

node_names() {
    local nodes=$1 i
    for ((i = 1; i <= nodes; i++)); do printf 'node%d ' "$i"; done
}

write_slurm_conf() {
    local nodes=$1 accounting=${2:-} cpus mem i tmp storage gather
    cpus=$(node_cpus "$nodes")
    mem=$(node_memory "$nodes")
    storage=accounting_storage/none
    gather=jobacct_gather/none
    if [[ -n $accounting ]]; then
        storage="accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoragePort=6819"
        # Sample each step's processes (from /proc) every 5 s, so that sacct shows MaxRSS and seff memory.
        gather="jobacct_gather/linux
JobAcctGatherFrequency=task=5"
    fi
    tmp=$(mktemp)
    {
        cat <<EOF
# Written by jpool slurm/dev/local-cluster.sh; regenerated on every \`up\`.
ClusterName=jpool
SlurmctldHost=$(host_name)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CryptoType=crypto/munge
MpiDefault=none
# Debian ships no mail program; silence slurmctld's error about it.
MailProg=/bin/true
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
JobAcctGatherType=$gather
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
# Start batch jobs on submission instead of batching them for up to 3 s (default).
SchedulerParameters=batch_sched_delay=0
AccountingStorageType=$storage
JobCompType=jobcomp/filetxt
JobCompLoc=$LOG_DIR/jobcomp.log
ReturnToService=2
# Nodes report the configured CPUs/memory, not the hardware's, so splitting one
# machine into several nodes does not drain them for a mismatch.
SlurmdParameters=config_overrides
SlurmctldPort=6817
StateSaveLocation=$STATE_DIR
SlurmctldPidFile=$CTLD_PID
SlurmctldLogFile=$LOG_DIR/slurmctld.log
SlurmdSpoolDir=$SPOOL_DIR/%n
SlurmdPidFile=$RUN_DIR/slurmd-%n.pid
SlurmdLogFile=$LOG_DIR/slurmd-%n.log
SlurmctldDebug=info
SlurmdDebug=info
InactiveLimit=0
KillWait=5
MinJobAge=60
SlurmctldTimeout=30
SlurmdTimeout=60
Waittime=0
EOF
        for ((i = 1; i <= nodes; i++)); do
            echo "NodeName=node$i NodeHostname=node$i NodeAddr=127.0.0.1 Port=$((FIRST_PORT + i - 1)) CPUs=$cpus RealMemory=$mem State=UNKNOWN"
        done
        echo "PartitionName=debug Nodes=node[1-$nodes] Default=YES MaxTime=INFINITE State=UP"
    } >"$tmp"
    install -d -m 755 "$(dirname "$SLURM_CONF")"
    install -m 644 "$tmp" "$SLURM_CONF"
    rm -f "$tmp"
}

# Map the node names (and this host's name when /etc/hosts lacks it: it is
# SlurmctldHost) to 127.0.0.1 with one marked /etc/hosts line.
write_hosts() {
    local nodes=$1 line rest names
    names=$(node_names "$nodes")
    if ! grep -vF "$HOSTS_MARK" /etc/hosts | grep -qwF -- "$(host_name)"; then
        names+="$(host_name) "
    fi
    line="127.0.0.1 $names$HOSTS_MARK"
    grep -qxF "$line" /etc/hosts && return 0
    rest=$(grep -vF "$HOSTS_MARK" /etc/hosts || true)
    # Rewrite in place rather than replacing the file: /etc/hosts may be a bind mount.
    printf '%s\n%s\n' "$rest" "$line" >/etc/hosts
}

# Stop slurmd(s) and slurmctld, plus the daemons of any extra pid files given.
stop_slurm() {
    if pidfile_alive "$CTLD_PID"; then
        # Cancel jobs first so that their slurmstepd processes exit cleanly.
        scancel_all
    fi
    shopt -s nullglob
    stop_pidfiles "$RUN_DIR"/slurmd-*.pid "$CTLD_PID" "$@"
    shopt -u nullglob
    stop_matching '^(/usr/sbin/)?slurmd -N node[0-9]+'
    stop_matching '^(/usr/sbin/)?slurmctld -c'
    stop_matching '^slurmstepd: \['
}

stop_accounting() {
    stop_pidfiles "$SLURMDBD_PID" "$DB_PID"
    stop_matching '^(/usr/sbin/)?slurmdbd$'
    stop_matching "^(/usr/sbin/)?mariadbd .*--datadir=$DB_DIR"
}

# MariaDB on 127.0.0.1:$DB_PORT with its data under $BASE, then slurmdbd on it.
start_accounting() {
    local i tmp
    install -d -m 755 "$BASE" "$LOG_DIR"
    if [[ ! -d $DB_DIR/mysql ]]; then
        install -d -o mysql -g mysql -m 750 "$DB_DIR"
        mariadb-install-db --user=mysql --datadir="$DB_DIR" --auth-root-authentication-method=socket \
            --skip-test-db </dev/null >"$LOG_DIR/mariadb-install.log" 2>&1 \
            || fail "mariadb-install-db failed; see $LOG_DIR/mariadb-install.log"
    fi
    install -d -o mysql -g mysql -m 755 "$DB_RUN"
    [[ -e $LOG_DIR/mariadb.log ]] || install -o mysql -g mysql -m 640 /dev/null "$LOG_DIR/mariadb.log"
    # --skip-name-resolve: slurmdbd's connection from 127.0.0.1 is the user slurm@127.0.0.1.
    setsid mariadbd --no-defaults --user=mysql --datadir="$DB_DIR" --socket="$DB_SOCKET" --pid-file="$DB_PID" \
        --port="$DB_PORT" --bind-address=127.0.0.1 --skip-name-resolve --log-error="$LOG_DIR/mariadb.log" \
        </dev/null >/dev/null 2>&1 &
    for ((i = 0; i < 100; i++)); do
        mariadb --no-defaults --socket="$DB_SOCKET" -e 'SELECT 1' </dev/null >/dev/null 2>&1 && break
        sleep 0.1
    done
    mariadb --no-defaults --socket="$DB_SOCKET" </dev/null -e "
        CREATE OR REPLACE USER 'slurm'@'127.0.0.1' IDENTIFIED BY '$DB_PASS';
        GRANT ALL ON slurm_acct_db.* TO 'slurm'@'127.0.0.1';" || fail "MariaDB did not come up"
    tmp=$(mktemp)
    {
        echo "# Written by jpool slurm/dev/local-cluster.sh up --accounting; regenerated on every up."
        echo "AuthType=auth/munge"
        echo "DbdHost=localhost"
        echo "DbdAddr=127.0.0.1"
        echo "DbdPort=6819"
        echo "SlurmUser=root"
        echo "DebugLevel=info"
        echo "LogFile=$LOG_DIR/slurmdbd.log"
        echo "PidFile=$SLURMDBD_PID"
        echo "StorageType=accounting_storage/mysql"
        echo "StorageHost=127.0.0.1"
        echo "StoragePort=$DB_PORT"
        echo "StorageUser=slurm"
        echo "StoragePass=$DB_PASS"
        echo "StorageLoc=slurm_acct_db"
    } >"$tmp"
    # slurmdbd refuses a config file others can read: it holds the database password.
    install -m 600 "$tmp" "$SLURMDBD_CONF"
    rm -f "$tmp"
    slurmdbd </dev/null || fail "slurmdbd failed to start"
    for ((i = 0; i < 100; i++)); do
        sacctmgr -n show cluster </dev/null >/dev/null 2>&1 && break
        sleep 0.1
    done
    sacctmgr -n show cluster </dev/null >/dev/null 2>&1 || fail "slurmdbd did not answer"
    if ! sacctmgr -n -P show cluster format=cluster </dev/null | grep -qx jpool; then
        sacctmgr -i add cluster jpool </dev/null >/dev/null || fail "sacctmgr could not add cluster jpool"
    fi
}

scancel_all() {
    local ids
    ids=$(timeout 5 squeue -h -o %i </dev/null 2>/dev/null || true)
    [[ -z $ids ]] && return 0
    # shellcheck disable=SC2086
    timeout 10 scancel $ids </dev/null 2>/dev/null || true
    sleep 1
}

dump_logs() {
    local f
    shopt -s nullglob
    for f in "$LOG_DIR"/slurmctld.log "$LOG_DIR"/slurmd-*.log "$LOG_DIR"/slurmdbd.log "$LOG_DIR"/mariadb.log \
        /var/log/munge/munged.log; do
        echo "===== tail $f =====" >&2
        tail -n 30 "$f" >&2 || true
    done
    shopt -u nullglob
}

fail() {
    log "error: $*"
    dump_logs
    exit 1
}

start_slurm() {
    local nodes=$1 i
    install -d -m 755 "$BASE" "$STATE_DIR" "$SPOOL_DIR" "$RUN_DIR" "$LOG_DIR"
    for ((i = 1; i <= nodes; i++)); do
        install -d -m 755 "$SPOOL_DIR/node$i"
    done
    # -c: start from a clean state; a dev cluster has no jobs worth recovering.
    slurmctld -c </dev/null || fail "slurmctld failed to start"
    for ((i = 0; i < 100; i++)); do
        scontrol ping </dev/null 2>/dev/null | grep -q 'is UP' && break
        sleep 0.1
    done
    scontrol ping </dev/null 2>/dev/null | grep -q 'is UP' || fail "slurmctld did not answer"
    for ((i = 1; i <= nodes; i++)); do
        slurmd -N "node$i" </dev/null || fail "slurmd for node$i failed to start"
    done
}

# Wait until every node is idle; nodes that came up down/drained are resumed.
wait_idle() {
    local nodes=$1 deadline name state idle bad
    deadline=$((SECONDS + WAIT_SECS))
    while ((SECONDS < deadline)); do
        idle=0
        bad=()
        while read -r name state; do
            case $state in
                idle) idle=$((idle + 1)) ;;
                down* | drain* | fail*) bad+=("$name") ;;
            esac
        done < <(sinfo -h -N -o '%N %T' </dev/null 2>/dev/null || true)
        ((idle == nodes)) && return 0
        if ((${#bad[@]} > 0)); then
            scontrol update nodename="$(
                IFS=,
                echo "${bad[*]}"
            )" state=resume </dev/null >/dev/null 2>&1 || true
        fi
        sleep 0.5
    done
    sinfo -N -l </dev/null >&2 || true
    fail "nodes not idle after ${WAIT_SECS}s"
}

cmd_up() {
    local nodes=2 accounting=
    while (($# > 0)); do
        case $1 in
            --nodes) nodes=${2:-}; shift 2 || die "--nodes needs a value" ;;
            --nodes=*) nodes=${1#--nodes=}; shift ;;
            --cpus) CPUS_PER_NODE=${2:-}; shift 2 || die "--cpus needs a value" ;;
            --cpus=*) CPUS_PER_NODE=${1#--cpus=}; shift ;;
            --accounting) accounting=1; shift ;;
            *) usage >&2; die "unknown option for up: $1" ;;
        esac
    done
    [[ $nodes =~ ^[1-9][0-9]*$ ]] || die "--nodes must be a positive integer, got '$nodes'"
    [[ -z $CPUS_PER_NODE || $CPUS_PER_NODE =~ ^[1-9][0-9]*$ ]] \
        || die "--cpus must be a positive integer, got '$CPUS_PER_NODE'"
    require_root
    if [[ -n $accounting ]]; then
        is_installed && accounting_installed || cmd_install --accounting
    else
        is_installed || cmd_install
    fi

    start_munge
    write_hosts "$nodes"
    # Always restart: it is quick and guarantees the daemons run the config written now.
    stop_slurm
    stop_accounting
    write_slurm_conf "$nodes" "$accounting"
    [[ -z $accounting ]] || start_accounting
    start_slurm "$nodes"
    wait_idle "$nodes"
    echo "local-cluster: up: cluster jpool, partition debug, $nodes node(s) x $(node_cpus "$nodes") CPU(s) idle on $(host_name)${accounting:+, accounting in slurmdbd (sacct works)}"
}

cmd_down() {
    require_root
    stop_slurm "$MUNGE_PID"
    stop_accounting
    stop_matching '^(/usr/sbin/)?munged( |$)'
    log "down"
}

cmd_status() {
    sinfo </dev/null
}

main() {
    local cmd=${1:-}
    (($# > 0)) && shift
    case $cmd in
        install) cmd_install "$@" ;;
        up) cmd_up "$@" ;;
        down) cmd_down "$@" ;;
        status) cmd_status "$@" ;;
        -h | --help | help) usage ;;
        *) usage >&2; exit 2 ;;
    esac
}

main "$@"
