#!/bin/sh
# Rebuilds the bundled example binaries from their sources (needs an x86-64 host with musl-gcc).
set -e
cd "$(dirname "$0")"
musl-gcc -static -Os -s -o hello hello.c
