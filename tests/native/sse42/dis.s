# Every form of the SSE4.2 / PCLMULQDQ / AES-NI / MOVBE / RDRAND / RDSEED instructions
# for the disassembler check (x64vm dis against objdump -d); never executed.
	.text
	.globl _start
_start:
	pcmpestri $0x1a,%xmm1,%xmm0
	pcmpestri $0x00,(%rax),%xmm15
	pcmpestriq $0x7f,%xmm9,%xmm0
	pcmpestriq $0xff,0x10(%rax,%rbx,4),%xmm2
	pcmpestrm $0x40,%xmm1,%xmm0
	pcmpestrm $0x0c,-8(%rip),%xmm3
	pcmpestrmq $0x44,%xmm1,%xmm8
	pcmpistri $0x1a,%xmm1,%xmm0
	pcmpistri $0x08,(%rsp),%xmm12
	rex.W pcmpistri $0x1a,%xmm1,%xmm0
	pcmpistrm $0x62,%xmm1,%xmm10
	pcmpistrm $0x3a,(%r13),%xmm1
	rex.W pcmpistrm $0x1a,%xmm1,%xmm0
	pcmpgtq %xmm1,%xmm2
	pcmpgtq (%rax),%xmm14
	crc32b %al,%ecx
	crc32b %ah,%ecx
	crc32b %sil,%ecx
	crc32b %r9b,%r10d
	crc32b (%rax),%ecx
	crc32w %ax,%ecx
	crc32w (%rax),%r11d
	crc32l %eax,%ecx
	crc32l 4(%rax),%ecx
	crc32q %rax,%rcx
	crc32q (%rax),%r8
	crc32b %al,%rcx
	crc32b (%rax),%rcx
	.byte 0x66,0xf2,0x0f,0x38,0xf0,0xc8
	.byte 0xf2,0x66,0x0f,0x38,0xf1,0xc8
	.byte 0xf3,0xf2,0x0f,0x38,0xf1,0xc8
	pclmulqdq $0x00,%xmm1,%xmm2
	pclmulqdq $0x01,%xmm1,%xmm2
	pclmulqdq $0x10,(%rax),%xmm2
	pclmulqdq $0x11,%xmm11,%xmm2
	pclmulqdq $0x13,%xmm1,%xmm2
	pclmulqdq $0xff,(%rax),%xmm2
	aesenc %xmm1,%xmm2
	aesenc (%rax),%xmm9
	aesenclast %xmm1,%xmm2
	aesenclast (%rax),%xmm2
	aesdec %xmm10,%xmm2
	aesdec (%rax),%xmm2
	aesdeclast %xmm1,%xmm2
	aesdeclast 0x40(%rax),%xmm2
	aesimc %xmm1,%xmm2
	aesimc (%rax),%xmm2
	aeskeygenassist $0x1b,%xmm1,%xmm2
	aeskeygenassist $0x80,(%rax),%xmm12
	movbe (%rax),%ecx
	movbe (%rax),%cx
	movbe (%rax),%rcx
	movbe 8(%rsp),%r9
	movbe %ecx,(%rax)
	movbe %cx,(%rax)
	movbe %rcx,(%rax)
	movbe %r12w,(%r15)
	rdrand %eax
	rdrand %ax
	rdrand %rax
	rdrand %r9
	rdrand %r10d
	rdseed %eax
	rdseed %ax
	rdseed %rdx
	rdseed %r11
	ret
