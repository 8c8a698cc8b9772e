/*
 * cpubound: CPU-bound work for measuring the hart: a sieve of Eratosthenes (byte loads and
 * stores, branches) and a xorshift generator (shifts, xors, a division) per round.
 * usage: cpubound [ROUNDS]   (default 20); prints a checksum.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 65536

static unsigned char composite[N];

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 20;
	uint64_t x = 88172645463325252ull;
	uint64_t sum = 0;

	for (long r = 0; r < rounds; r++) {
		long primes = 0;

		memset(composite, 0, sizeof composite);
		for (long i = 2; i < N; i++) {
			if (composite[i])
				continue;
			primes++;
			for (long j = i * i; j < N; j += i)
				composite[j] = 1;
		}
		for (int k = 0; k < 20000; k++) {
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			sum += x % 1000 + (uint64_t)primes;
		}
	}
	printf("%llu\n", (unsigned long long)sum);
	return 0;
}
