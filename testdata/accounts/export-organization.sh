#!/bin/sh
# export-organization.sh DIR: write the organization, as the AWS CLI prints
# it, into DIR in the layout `iamsim --org DIR` reads (docs/accounts.md,
# "Organizations from the AWS CLI"):
#
#   DIR/describe-organization.json
#   DIR/list-roots.json
#   DIR/list-organizational-units-for-parent/PARENT-ID.json   root and every OU
#   DIR/list-accounts-for-parent/PARENT-ID.json               root and every OU
#   DIR/list-policies-for-target/TYPE/TARGET-ID.json          root, OUs, accounts;
#       TYPE is SERVICE_CONTROL_POLICY or RESOURCE_CONTROL_POLICY, when enabled
#   DIR/describe-policy/POLICY-ID.json                        every policy listed
#
# Run it with credentials of the management account (or a delegated
# administrator) allowed the organizations:Describe* and organizations:List*
# actions. The AWS CLI follows NextToken itself, so each file is complete.
# IDs are read back from the CLI's JSON, which prints one key a line.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 DIR" >&2
	exit 2
fi
dir=$1
org() { aws organizations "$@" --output json; }
# ids FILE: the values of the "Id" keys of an AWS CLI JSON file.
ids() { sed -n 's/^ *"Id": "\([^"]*\)".*/\1/p' "$1"; }

mkdir -p "$dir/list-organizational-units-for-parent" "$dir/list-accounts-for-parent" "$dir/describe-policy"
org describe-organization >"$dir/describe-organization.json"
org list-roots >"$dir/list-roots.json"

# The policy types enabled in the root.
types=
for t in SERVICE_CONTROL_POLICY RESOURCE_CONTROL_POLICY; do
	if tr -d ' \n' <"$dir/list-roots.json" |
		grep -q -e "\"Type\":\"$t\",\"Status\":\"ENABLED\"" -e "\"Status\":\"ENABLED\",\"Type\":\"$t\""; then
		types="$types $t"
		mkdir -p "$dir/list-policies-for-target/$t"
	fi
done

# Walk the tree breadth first; targets collects the root, OUs and accounts.
queue=$(ids "$dir/list-roots.json")
targets=
while :; do
	set -- $queue
	[ $# -gt 0 ] || break
	parent=$1
	shift
	queue=$*
	targets="$targets $parent"
	org list-accounts-for-parent --parent-id "$parent" >"$dir/list-accounts-for-parent/$parent.json"
	targets="$targets $(ids "$dir/list-accounts-for-parent/$parent.json" | tr '\n' ' ')"
	org list-organizational-units-for-parent --parent-id "$parent" >"$dir/list-organizational-units-for-parent/$parent.json"
	queue="$queue $(ids "$dir/list-organizational-units-for-parent/$parent.json" | tr '\n' ' ')"
done

for t in $types; do
	for target in $targets; do
		out="$dir/list-policies-for-target/$t/$target.json"
		org list-policies-for-target --target-id "$target" --filter "$t" >"$out"
		for p in $(ids "$out"); do
			[ -f "$dir/describe-policy/$p.json" ] || org describe-policy --policy-id "$p" >"$dir/describe-policy/$p.json"
		done
	done
done
