/* hello: the smallest C program, for binfmt_elf and the hart. */
#include <stdio.h>

int main(void)
{
	printf("hello, world\n");
	return 0;
}
