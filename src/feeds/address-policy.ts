import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { AddressPolicy } from './types.ts';

/**
 * Why a fetch may not connect to this address, or undefined when it may. Only public unicast
 * addresses pass: ipaddr.js names every special range (loopback, private, linkLocal, which holds
 * the cloud metadata 169.254.169.254, uniqueLocal, which holds fd00:ec2::254, carrierGradeNat,
 * unspecified, multicast, reserved, ...), and an IPv4-mapped IPv6 address is judged as its IPv4.
 */
export function addressRefusal(address: string, policy: AddressPolicy): string | undefined {
  if (policy.allowPrivate || policy.allowAddresses?.includes(address)) return undefined;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return `${address} is not an IP address`;
  }
  const range = parsed.range();
  if (range === 'unicast') return undefined;
  return `${address} is a ${range} address, not a public one (set FEEDS_ALLOW_PRIVATE=true to allow it)`;
}

/** A refused connection; its message says which address and why. */
export class AddressRefused extends Error {
  readonly code = 'EADDRREFUSED';
}

/**
 * A DNS lookup for http.request that drops every resolved address the policy refuses, so a name
 * that resolves (or is re-pointed, DNS rebinding) to a private address cannot be reached through it.
 */
export function guardedLookup(policy: AddressPolicy): LookupFunction {
  const guarded = (hostname: string, options: { all?: boolean; family?: number | string; hints?: number }, callback: (...args: unknown[]) => void) => {
    dnsLookup(hostname, { family: options.family as 0 | 4 | 6 | undefined, hints: options.hints, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      const allowed = addresses.filter((a) => addressRefusal(a.address, policy) === undefined);
      const first = allowed[0];
      if (first === undefined) {
        const reason = addresses.length ? addressRefusal(addresses[0]!.address, policy) : 'no address';
        return callback(new AddressRefused(`${hostname}: ${reason}`));
      }
      if (options.all) callback(null, allowed);
      else callback(null, first.address, first.family);
    });
  };
  return guarded as unknown as LookupFunction;
}
