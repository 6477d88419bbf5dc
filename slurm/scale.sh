#!/usr/bin/env bash
# Submits jpool's scaling study to SLURM: one batch job per CPU count, each running
# `jpool pi --format json` in thread and process mode with one worker per CPU (the 1-CPU job
# also serially), then one job that starts only when all of them succeeded and gathers their
# results with `jpool scale` into a table, CSV, JSON and plots.
#
# Run it from anywhere after the README's build command; see `scale.sh --help`.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jar=$root/cli/target/jpool.jar

cpus="1 2 4 8 16"
samples=1e10
partition=
account=
time_limit=00:20:00
results=
wait_for_it=
exclusive=1

usage() {
    cat <<EOF
usage: slurm/scale.sh [options]

Submits one SLURM job per CPU count (jpool pi, thread and process mode, workers = CPUs; the
1-CPU job also serial), then a job that gathers them (jpool scale) once all have succeeded.

options:
  --cpus "LIST"      CPU counts, e.g. "1 2 4" (default: "$cpus"); counts larger than the
                     partition's largest node are left out, since each job runs on one node
  --samples N        darts per run (default: $samples)
  --partition P      partition to submit to (default: the cluster's default partition)
  --account A        account (allocation) to charge, where the cluster asks for one
  --time T           time limit of each job (default: $time_limit)
  --results DIR      where the results go (default: slurm/results/<date-time>)
  --no-exclusive     share the nodes with other jobs; by default each job asks for its node to
                     itself (sbatch --exclusive), so no other job's work runs beside the timed
                     one and the times compare; use this where the site forbids --exclusive or
                     charges the whole node for it
  --wait             wait until the gathering job has finished; exit with its status
  -h, --help         this text
EOF
}

die() {
    echo "scale.sh: $*" >&2
    exit 2
}

while (($# > 0)); do
    case $1 in
        --cpus) cpus=${2:-}; shift 2 || die "--cpus needs a value" ;;
        --samples) samples=${2:-}; shift 2 || die "--samples needs a value" ;;
        --partition) partition=${2:-}; shift 2 || die "--partition needs a value" ;;
        --account) account=${2:-}; shift 2 || die "--account needs a value" ;;
        --time) time_limit=${2:-}; shift 2 || die "--time needs a value" ;;
        --results) results=${2:-}; shift 2 || die "--results needs a value" ;;
        --wait) wait_for_it=1; shift ;;
        --no-exclusive) exclusive=; shift ;;
        -h | --help) usage; exit 0 ;;
        *) die "unknown option '$1' (see slurm/scale.sh --help)" ;;
    esac
done

for c in $cpus; do
    [[ $c =~ ^[1-9][0-9]*$ ]] || die "--cpus takes positive whole numbers, got '$c'"
done
[[ -n ${cpus// /} ]] || die "--cpus is empty"
[[ $samples =~ ^[0-9_.eE]+$ ]] || die "--samples '$samples' is not a number such as 1e10"
command -v sbatch >/dev/null 2>&1 || die "sbatch is not on the PATH: run this on a SLURM login node"
[[ -f $jar ]] || die "$jar not found; build it first: (cd $root && mvn -q -B -DskipTests package)"

partitions=$(sinfo -h -o '%P') || die "sinfo failed, so no SLURM controller answers (see its message above)"
if [[ -z $partition ]]; then
    partition=$(sed -n 's/\*$//p;T;q' <<<"$partitions")
    [[ -n $partition ]] || die "the cluster has no default partition; name one with --partition (sinfo lists them)"
fi
# The largest node of the partition: a job of one node cannot have more CPUs than that.
largest=$(sinfo -h -N -p "$partition" -o '%c' | tr -d '+' | sort -n | tail -n 1) \
    || die "sinfo -p $partition failed"
[[ $largest =~ ^[0-9]+$ ]] || die "partition '$partition' has no nodes (sinfo -p $partition shows none)"

fit=()
left_out=()
for c in $cpus; do
    if ((c <= largest)); then fit+=("$c"); else left_out+=("$c"); fi
done
((${#fit[@]} > 0)) || die "none of the CPU counts ($cpus) fits a node of partition $partition (largest: $largest CPUs)"

results=${results:-$root/slurm/results/$(date +%Y%m%d-%H%M%S)}
mkdir -p "$results"
results=$(cd "$results" && pwd)

submit=(sbatch --parsable --partition="$partition" --time="$time_limit")
[[ -n $account ]] && submit+=(--account="$account")
# A scaling study compares times: a job sharing its node with other jobs is timed against their
# work too. --exclusive gives each job its node alone (and, on most sites, bills the whole node).
[[ -n $exclusive ]] && submit+=(--exclusive)

# The job scripts below are generated: every value goes into them through printf %q, quoted for
# bash, so a path such as 'my results $(date)' is a path there too, never a command. In sbatch's
# --output, '%' starts a pattern (%j), so a '%' of the path itself is written '%%'.
q_results=$(printf %q "$results")
q_jar=$(printf %q "$jar")
q_samples=$(printf %q "$samples")
output_dir=${results//%/%%}

# (A jar without the command answers `scale --help` with the top-level help, and exit 0.)
if ! java -jar "$jar" scale --help 2>/dev/null | grep -q '^Usage: jpool scale'; then
    echo "scale.sh: warning: this jpool.jar has no 'scale' command, so the gathering job will fail" >&2
fi

# One job per CPU count. Each result is written under a temporary name and renamed when
# complete, so the gathering job never reads half a file.
ids=()
for c in "${fit[@]}"; do
    modes="thread process"
    ((c == 1)) && modes="serial thread process"
    id=$("${submit[@]}" --job-name="jpool-scale-$c" --nodes=1 --ntasks=1 --cpus-per-task="$c" \
        --output="$output_dir/slurm-cpus$c-%j.out" <<EOF
#!/bin/bash
set -euo pipefail
results=$q_results
jar=$q_jar
echo "jpool scaling study: job \$SLURM_JOB_ID on \$SLURMD_NODENAME, cpus-per-task=\$SLURM_CPUS_PER_TASK"
for mode in $modes; do
    out="\$results/pi-\$mode-$c.json"
    java -jar "\$jar" pi --format json --mode "\$mode" --workers $c --samples $q_samples >"\$out.partial" \
        || { status=\$?; rm -f "\$out.partial"; exit \$status; }
    mv "\$out.partial" "\$out"
done
EOF
    )
    ids+=("${id%%;*}")
done

dependency=$(IFS=:; echo "${ids[*]}")
gather_script=$(cat <<EOF
#!/bin/bash
set -euo pipefail
results=$q_results
jar=$q_jar
echo "gathering \$results after jobs $dependency"
exec java -jar "\$jar" scale --from "\$results" --out "\$results/scale"
EOF
)
gather_args=(--job-name=jpool-scale-gather --nodes=1 --ntasks=1 --cpus-per-task=1
    --dependency="afterok:$dependency" --kill-on-invalid-dep=yes --output="$output_dir/slurm-gather-%j.out")

report() {
    local all=("${ids[@]}" "$1") i
    echo "jpool scaling study: $samples samples, partition $partition (largest node: $largest CPUs)"
    for i in "${!fit[@]}"; do
        echo "  ${fit[$i]} CPU$( ((fit[i] == 1)) || echo s): job ${ids[$i]}"
    done
    echo "  gather: job $1, once jobs $dependency have succeeded"
    ((${#left_out[@]} == 0)) || echo "  left out: ${left_out[*]} CPUs (more than a node of $partition has)"
    local shown=${results#"$PWD"/} # relative to where it was run, when it is below
    echo "results: $shown (pi-<mode>-<cpus>.json, slurm-*.out; the table and plots in $shown/scale)"
    echo "watch:   squeue -u ${USER:-$(id -un)}"
    echo "after:   sacct -j $(IFS=,; echo "${all[*]}") --format=JobID,JobName%20,AllocCPUS,Elapsed,TotalCPU,State,ExitCode"
    local storage comp_type comp_loc
    storage=$(scontrol show config 2>/dev/null | awk -F' *= *' '$1 == "AccountingStorageType" {print $2}')
    if [[ $storage == accounting_storage/none ]]; then
        comp_type=$(scontrol show config 2>/dev/null | awk -F' *= *' '$1 == "JobCompType" {print $2}')
        comp_loc=$(scontrol show config 2>/dev/null | awk -F' *= *' '$1 == "JobCompLoc" {print $2}')
        echo "         (this cluster keeps no accounting, so sacct shows nothing here; use"
        if [[ $comp_type == jobcomp/filetxt ]]; then
            echo "          scontrol show job <id>, which knows a job for a few minutes after it ends;"
            echo "          finished jobs are listed in $comp_loc)"
        else
            echo "          scontrol show job <id>, which knows a job for a few minutes after it ends)"
        fi
    fi
}

if [[ -z $wait_for_it ]]; then
    gather=$("${submit[@]}" "${gather_args[@]}" <<<"$gather_script")
    report "${gather%%;*}"
    exit 0
fi

# --wait: sbatch --wait prints the job id at once and returns when the job has ended.
exec {waiting}< <(
    "${submit[@]}" --wait "${gather_args[@]}" <<<"$gather_script" && status=0 || status=$?
    echo "exit $status"
)
read -r gather <&"$waiting" || die "submitting the gathering job failed"
report "${gather%%;*}"
echo "waiting for job ${gather%%;*} ..."
read -r _ status <&"$waiting"
gather=${gather%%;*}
# sbatch --wait also returns 0 for a job that never ran because a job it depended on failed.
state=$(scontrol show job -o "$gather" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2 || true)
if ((status == 0)) && [[ $state == COMPLETED || (-z $state && -f $results/slurm-gather-$gather.out) ]]; then
    echo "done: ${results#"$PWD"/}/scale"
    exit 0
fi
((status != 0)) || status=1
echo "scale.sh: the gathering job $gather did not succeed (${state:-state unknown}, exit $status);" \
    "see $results/slurm-*.out" >&2
exit "$status"
