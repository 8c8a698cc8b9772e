/*
 * signals: handlers with siginfo for the hart's synchronous faults (SIGSEGV with si_addr,
 * SIGILL), leaving them with siglongjmp, and a handler that returns through rt_sigreturn.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf env;
static void *volatile fault_addr;
static volatile int usr1;
static volatile double computed;

static void on_fault(int sig, siginfo_t *info, void *uc)
{
	(void)uc;
	fault_addr = info->si_addr;
	siglongjmp(env, sig);
}

static void on_usr1(int sig)
{
	computed = (double)sig / 7.0;
	usr1++;
}

int main(void)
{
	struct sigaction sa;
	volatile double kept = 1.25;

	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_fault;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGILL, &sa, NULL);
	if (sigsetjmp(env, 1) == 0)
		*(volatile int *)0x1234 = 1;
	printf("SIGSEGV at %p\n", fault_addr);
	fault_addr = NULL;
	if (sigsetjmp(env, 1) == 0)
		__asm__ volatile(".word 0xffffffff");
	printf("SIGILL %s\n", fault_addr ? "with the instruction's address" : "without an address");
	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	printf("SIGUSR1 handled %d time(s), computed %.6f, kept %.2f\n", usr1, computed, kept);
	return 0;
}
