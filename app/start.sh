#!/bin/sh
# Runs a TypeScript entry point of this project the fast way: from its esbuild bundle, and with
# --snapshot from a V8 startup snapshot of it, in which every module is loaded already.
#
#   sh app/start.sh [--snapshot] <entry.ts> [arguments]      e.g. sh app/start.sh --snapshot main.ts
#
# This is the fast path, one `find` and one node process: .build/<entry>.inputs holds the id of
# the current bundle and its input files; when none changed since, it runs .build/<entry>.<id>.js
# (or its snapshot). Otherwise app/start.cjs builds the bundle, runs it and builds the snapshot in
# the background for the next run. SYNTH_SNAPSHOT=0 runs the bundle and builds no snapshot;
# SYNTH_SNAPSHOT=wait builds it before exiting instead of in the background.
# app/README.md explains the files and the choices.
set -f
case $0 in */*) root=${0%/*}/.. ;; *) root=.. ;; esac
snapshot=
if [ "${1-}" = --snapshot ]; then snapshot=1; shift; fi
entry=$1
shift
base=.build/${entry%.ts}
# V8 refuses a snapshot built with other V8 flags: one snapshot per NODE_OPTIONS (the cdktf CLI sets some).
key=
if [ -n "${NODE_OPTIONS-}" ]; then
  key=$(printf %s "$NODE_OPTIONS" | cksum)
  key=.${key%% *}
fi
if [ -f "$root/$base.inputs" ] && { read -r id && read -r inputs; } <"$root/$base.inputs" &&
  [ -z "$(cd "$root" && find $inputs -newer "$base.inputs" -print -quit 2>&1)" ]; then
  if [ -z "$snapshot" ] || [ "${SYNTH_SNAPSHOT-}" = 0 ]; then exec node "$root/$base.$id.js" "$@"; fi
  blob=$root/$base.$id$key.blob
  if [ -f "$blob" ]; then
    node --snapshot-blob "$blob" "$@"
    status=$?
    # 14: this node cannot load the snapshot (another node version built it); build it again.
    [ "$status" -ne 14 ] && exit "$status"
    rm -f "$blob"
  fi
  exec node "$root/app/start.cjs" --fresh="$id" --snapshot="$key" "$entry" "$@"
fi
exec node "$root/app/start.cjs" ${snapshot:+"--snapshot=$key"} "$entry" "$@"
