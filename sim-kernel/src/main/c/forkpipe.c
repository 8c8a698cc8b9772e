/*
 * forkpipe: fork, a pipe, dup2 and wait: the child writes through the pipe dup'ed onto its
 * stdout and changes its copy of a global array (copy-on-write); the parent reads the pipe,
 * waits, and checks its own copy kept its values.
 */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static long table[1024];

int main(void)
{
	int fds[2];
	char buf[128];
	ssize_t n;
	int status;
	pid_t pid;
	long sum = 0;

	for (int i = 0; i < 1024; i++)
		table[i] = i;
	if (pipe(fds) != 0)
		return 1;
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		dup2(fds[1], 1);
		close(fds[1]);
		for (int i = 0; i < 1024; i++)
			table[i] = -1;
		printf("child: table[7] is %ld\n", table[7]);
		fflush(stdout);
		_exit(3);
	}
	close(fds[1]);
	while ((n = read(fds[0], buf, sizeof buf - 1)) > 0) {
		buf[n] = 0;
		fputs(buf, stdout);
	}
	waitpid(pid, &status, 0);
	for (int i = 0; i < 1024; i++)
		sum += table[i];
	printf("parent: child exited with %d, table sums to %ld\n", WEXITSTATUS(status), sum);
	return 0;
}
