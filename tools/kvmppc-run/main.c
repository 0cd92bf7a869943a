/* SPDX-License-Identifier: MIT */
/*
 * kvmppc-run: command line (a qemu-system-ppc64 subset, pseries-machine.md section 9),
 * machine setup, and one host thread per vcpu.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <time.h>

#include "machine.h"
#include "rtas_tokens.h"

static void usage(FILE *f)
{
	fprintf(f,
		"kvmppc-run: a pseries machine on libkvmppc (an interpreted POWER CPU).\n"
		"Accepts a subset of the QEMU qemu-system-ppc64 command line:\n"
		"  -kernel ELF  -initrd FILE  -append ARGS  -bios FILE  -m SIZE  -smp N[,threads=T]\n"
		"  -cpu POWER8|POWER9  -machine pseries[,...]  -rtc base=utc|DATE\n"
		"  -icount [shift=]N|auto: deterministic time, each instruction is 2^N ns (N 0..10;\n"
		"  auto = 3, not adaptive); idle time is skipped, the time of day is -rtc base plus\n"
		"  virtual time; with -smp 1 two runs give the same instructions and time values\n"
		"  -nodefaults -nographic -display none -serial stdio|mon:stdio -chardev/-device\n"
		"  (console is always the vty on stdio) -accel tcg|kvm -enable-kvm -no-reboot\n"
		"  -name/-boot/-global/-vga/-monitor (ignored); -cpu POWER10 runs a POWER9\n"
		"Own options: --hash (POWER9: offer only the hashed page table; the default is radix\n"
		"  and hash, as QEMU)  --radix (the POWER9 default)  --dtb-out FILE  --trace\n"
		"  --htm (POWER8: offer transactional memory, ibm,pa-features byte 22 bit 0)\n"
		"  --stats FILE (at exit, write guest instructions and wall time as JSON, with the\n"
		"  time and instructions to the first console output and to each --stats-mark TEXT:\n"
		"  the first time the console printed TEXT; up to 8)\n"
		"  --snapshot-save FILE  save the whole machine (VM, vcpus, XICS, started cpus)\n"
		"  --snapshot-at WHEN    exit (default: when the machine stops) or console=STRING\n"
		"                        (once the guest has printed STRING; the guest goes on)\n"
		"  --snapshot-load FILE  resume a saved machine instead of booting (-m, -smp, -cpu\n"
		"                        and --radix come from the file; no -kernel needed)\n");
}

static int parse_size(const char *s, uint64_t *out)
{
	if (!strncmp(s, "size=", 5))
		s += 5;
	char *end;
	double v = strtod(s, &end);
	if (end == s || v <= 0)
		return -1;
	uint64_t mul = 1 << 20;
	if (*end && *end != ',' && end[1] && end[1] != ',')
		return -1;
	switch (tolower((unsigned char)*end)) {
	case 0: case ',': case 'm': mul = 1ull << 20; break; /* ",slots=…,maxmem=…" ignored */
	case 'k': mul = 1ull << 10; break;
	case 'g': mul = 1ull << 30; break;
	case 't': mul = 1ull << 40; break;
	default: return -1;
	}
	*out = (uint64_t)(v * (double)mul);
	return 0;
}

/* -rtc base=DATE: *@base = DATE in seconds since the epoch and *@set = true; base=utc
 * (the host's time) and localtime leave *@set false. */
static int parse_rtc(const char *s, long *base, bool *set)
{
	const char *b = strstr(s, "base=");
	if (!b)
		return 0;
	b += 5;
	if (!strncmp(b, "utc", 3) || !strncmp(b, "localtime", 9))
		return 0;
	struct tm tm = {0};
	int y, mo, d, h = 0, mi = 0, sec = 0;
	if (sscanf(b, "%d-%d-%dT%d:%d:%d", &y, &mo, &d, &h, &mi, &sec) < 3)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*base = (long)timegm(&tm);
	*set = true;
	return 0;
}

/* -icount [shift=]N|auto[,sleep=on|off][,align=on|off] (QEMU's syntax). */
static int parse_icount(const char *v, int *shift)
{
	char buf[128];
	snprintf(buf, sizeof(buf), "%s", v);
	*shift = -2;
	for (char *save = NULL, *t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		const char *n = !strncmp(t, "shift=", 6) ? t + 6 : strchr(t, '=') ? NULL : t;
		if (n && !strcmp(n, "auto")) {
			/* QEMU adapts the shift to host speed, which no run can reproduce */
			fprintf(stderr, "kvmppc-run: warning: -icount shift=auto: adaptive shift is not "
				"supported; using the fixed shift=3\n");
			*shift = 3;
		} else if (n) {
			char *end;
			long x = strtol(n, &end, 10);
			if (end == n || *end || x < 0 || x > KVMPPC_CLOCK_SHIFT_MAX) {
				fprintf(stderr, "kvmppc-run: -icount shift must be 0..%d or auto\n",
					KVMPPC_CLOCK_SHIFT_MAX);
				return -1;
			}
			*shift = (int)x;
		} else if (!strcmp(t, "sleep=off") || !strncmp(t, "align=", 6)) {
			/* virtual time never waits for the host's: sleep=off is what it does */
		} else if (!strcmp(t, "sleep=on")) {
			fprintf(stderr, "kvmppc-run: warning: -icount sleep=on: idle time is skipped "
				"(sleep=off) here\n");
		} else {
			fprintf(stderr, "kvmppc-run: unknown -icount option %s\n", t);
			return -1;
		}
	}
	if (*shift == -2) {
		fprintf(stderr, "kvmppc-run: -icount needs shift=N\n");
		return -1;
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	o->ram_size = 512ull << 20;
	o->smp = 1;
	o->pvr = 0x004e1202; /* POWER9 */
	o->icount_shift = -1;
	long rtc_base = 0;
	bool rtc_set = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (a[0] == '-' && a[1] == '-' && strcmp(a, "--radix") && strcmp(a, "--hash") && strcmp(a, "--trace") &&
		    strcmp(a, "--htm") &&
		    strcmp(a, "--dtb-out") && strcmp(a, "--help"))
			a++; /* qemu accepts --opt as -opt */
		if (!strcmp(a, "--help") || !strcmp(a, "-help") || !strcmp(a, "-h")) {
			usage(stdout);
			exit(0);
		} else if (!strcmp(a, "--radix")) {
			o->radix = true;
		} else if (!strcmp(a, "--hash")) {
			o->hash = true;
		} else if (!strcmp(a, "--trace")) {
			o->trace = true;
		} else if (!strcmp(a, "--htm")) {
			o->htm = true; /* checked against the CPU model below */
		} else if (!strcmp(a, "-nodefaults") || !strcmp(a, "-nographic") ||
			   !strcmp(a, "-enable-kvm") || !strcmp(a, "-no-reboot")) {
			continue;
		} else if (!v) {
			fprintf(stderr, "kvmppc-run: option %s needs an argument\n", a);
			return -1;
		} else if (!strcmp(a, "-machine") || !strcmp(a, "-M")) {
			if (!strcmp(v, "?") || !strcmp(v, "help")) {
				printf("Supported machines are:\npseries              pSeries Logical Partition (PAPR compliant)\n");
				exit(0);
			}
			if (strncmp(v, "pseries", 7)) {
				fprintf(stderr, "kvmppc-run: only the pseries machine exists\n");
				return -1;
			}
			/* As QEMU under TCG (pseries-machine.md section 9): harnesses written for
			 * QEMU see the same refusal. Transactional memory is --htm here. */
			if (strstr(v, "cap-htm=on")) {
				fprintf(stderr, "kvmppc-run: cap-htm=on is refused as by qemu-system-ppc64 -accel tcg; "
					"use --htm (POWER8) to offer transactional memory\n");
				return -1;
			}
			i++;
		} else if (!strcmp(a, "-stats")) { o->stats = v; i++;
		} else if (!strcmp(a, "-stats-mark")) {
			if (o->nmarks == MAX_MARKS || !*v || strlen(v) > 255) {
				fprintf(stderr, "kvmppc-run: --stats-mark: up to %d texts of 1-255 bytes\n",
					MAX_MARKS);
				return -1;
			}
			o->marks[o->nmarks++] = v;
			i++;
		} else if (!strcmp(a, "-snapshot-save")) { o->snapshot_save = v; i++;
		} else if (!strcmp(a, "-snapshot-load")) { o->snapshot_load = v; i++;
		} else if (!strcmp(a, "-snapshot-at")) {
			if (!strncmp(v, "console=", 8) && v[8] && strlen(v + 8) < SNAP_RING) {
				o->snapshot_console = v + 8;
			} else if (strcmp(v, "exit")) {
				fprintf(stderr, "kvmppc-run: --snapshot-at exit|console=STRING (up to %d characters)\n",
					SNAP_RING - 1);
				return -1;
			}
			i++;
		} else if (!strcmp(a, "-kernel")) { o->kernel = v; i++;
		} else if (!strcmp(a, "-initrd")) { o->initrd = v; i++;
		} else if (!strcmp(a, "-append")) { o->append = v; i++;
		} else if (!strcmp(a, "-bios")) { o->bios = v; i++;
		} else if (!strcmp(a, "--dtb-out")) { o->dtb_out = v; i++;
		} else if (!strcmp(a, "-m")) {
			if (parse_size(v, &o->ram_size)) {
				fprintf(stderr, "kvmppc-run: bad memory size %s\n", v);
				return -1;
			}
			i++;
		} else if (!strcmp(a, "-smp")) {
			o->smp = (unsigned)strtoul(v, NULL, 0);
			const char *t = strstr(v, "threads=");
			if (t)
				o->threads = (unsigned)strtoul(t + 8, NULL, 0);
			const char *cs = strstr(v, "cores="), *ss = strstr(v, "sockets=");
			if (!o->smp && (t || cs || ss)) /* -smp cores=C,threads=T: N = S * C * T */
				o->smp = (t ? o->threads : 1) * (cs ? (unsigned)strtoul(cs + 6, NULL, 0) : 1) *
					 (ss ? (unsigned)strtoul(ss + 8, NULL, 0) : 1);
			if (!o->smp || o->smp > MAX_VCPUS || o->threads > 8) {
				fprintf(stderr, "kvmppc-run: -smp %s: 1..%d vcpus, up to 8 threads per core\n",
					v, MAX_VCPUS);
				return -1;
			}
			i++;
		} else if (!strcmp(a, "-cpu")) {
			/* QEMU's names: POWER8, power8_v2.0, power8e, POWER9, power9_v2.2... */
			if (!strncasecmp(v, "power8", 6))
				o->pvr = 0x004d0200;
			else if (!strncasecmp(v, "power9", 6) || !strcasecmp(v, "host") || !strcasecmp(v, "max"))
				o->pvr = 0x004e1202;
			else if (!strncasecmp(v, "power10", 7)) {
				fprintf(stderr, "kvmppc-run: warning: POWER10 is not modelled; running a POWER9\n");
				o->pvr = 0x004e1202;
			} else {
				fprintf(stderr, "kvmppc-run: unknown cpu %s (POWER8, POWER9)\n", v);
				return -1;
			}
			i++;
		} else if (!strcmp(a, "-rtc")) {
			if (parse_rtc(v, &rtc_base, &rtc_set)) {
				fprintf(stderr, "kvmppc-run: bad -rtc %s\n", v);
				return -1;
			}
			i++;
		} else if (!strcmp(a, "-icount")) {
			if (parse_icount(v, &o->icount_shift))
				return -1;
			i++;
		} else if (!strcmp(a, "-display") || !strcmp(a, "-serial") || !strcmp(a, "-chardev") ||
			   !strcmp(a, "-device") || !strcmp(a, "-accel") || !strcmp(a, "-mon") ||
			   !strcmp(a, "-monitor") || !strcmp(a, "-vga") || !strcmp(a, "-name") ||
			   !strcmp(a, "-boot") || !strcmp(a, "-global")) {
			i++; /* the console is always the vty on stdio */
		} else {
			fprintf(stderr, "kvmppc-run: unknown option %s (see --help)\n", a);
			return -1;
		}
	}
	/* The guest's clock (RTAS get-time-of-day): host time + rtc_offset, or with -icount
	 * rtc_offset + the VM's virtual time, so that the wall clock is reproducible too
	 * (with -rtc base=DATE; base=utc starts it at the host's time). */
	if (o->icount_shift >= 0)
		o->rtc_offset = rtc_set ? rtc_base : (long)time(NULL);
	else
		o->rtc_offset = rtc_set ? (long)(rtc_base - time(NULL)) : 0;
	if (!o->kernel && !o->bios && !o->snapshot_load) {
		usage(stderr);
		return -1;
	}
	if (o->snapshot_console && !o->snapshot_save) {
		fprintf(stderr, "kvmppc-run: --snapshot-at needs --snapshot-save FILE\n");
		return -1;
	}
	if (o->radix && (o->pvr >> 16) != 0x004e) {
		fprintf(stderr, "kvmppc-run: --radix needs -cpu POWER9\n");
		return -1;
	}
	if (o->radix && o->hash) {
		fprintf(stderr, "kvmppc-run: --radix and --hash exclude each other\n");
		return -1;
	}
	/* A POWER9 guest is offered radix unless --hash, as QEMU's CAS gives it radix. */
	if ((o->pvr >> 16) == 0x004e && !o->hash)
		o->radix = true;
	if (o->htm && (o->pvr >> 16) == 0x004e) {
		fprintf(stderr, "kvmppc-run: --htm: transactional memory needs -cpu POWER8\n");
		return -1;
	}
	return 0;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

static int setup_memory(struct machine *m)
{
	m->ram_size = m->opt.ram_size;
	void *p = mmap(NULL, m->ram_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -errno;
	m->ram = p;
	struct kvm_userspace_memory_region mem = {
		.slot = 0, .guest_phys_addr = 0, .memory_size = m->ram_size,
		.userspace_addr = (uintptr_t)m->ram,
	};
	return kvmppc_set_user_memory_region(m->vm, &mem);
}

static int load_guest(struct machine *m)
{
	int r;
	if (m->opt.bios) {
		uint64_t end;
		if ((r = load_raw(m, m->opt.bios, 0, &end)))
			return r;
	}
	if (m->opt.kernel && (r = load_elf(m, m->opt.kernel, m->opt.bios != NULL)))
		return r;
	uint64_t top = align_up(m->image_end, 1 << 16) + (1 << 20); /* room for T's stack */
	if (m->opt.initrd) {
		m->initrd_start = align_up(top, 1 << 16);
		if ((r = load_raw(m, m->opt.initrd, m->initrd_start, &m->initrd_end)))
			return r;
		top = m->initrd_end;
	}
	m->rtas_addr = align_up(top, 4096);
	m->fdt_addr = align_up(m->rtas_addr + RTAS_SIZE, 4096);
	if (m->fdt_addr + (64 << 10) > m->ram_size || m->fdt_addr + (64 << 10) > (256u << 20))
		return -E2BIG;
	/* The RTAS blob: mr r4,r3; lis r3,0; ori r3,r3,0xf000 (H_RTAS); sc 1; blr — BE. */
	static const uint32_t blob[] = {0x7c641b78, 0x3c600000, 0x6063f000, 0x44000022, 0x4e800020};
	for (unsigned i = 0; i < 5; i++)
		ram_set_be32(m, m->rtas_addr + 4 * i, blob[i]);
	return build_fdt(m);
}

struct thread_arg {
	struct machine *m;
	unsigned idx;
};

static void set_start_state(struct machine_vcpu *c, uint64_t pc, uint64_t msr, uint64_t r3,
			    uint64_t r4)
{
	struct kvm_regs regs;
	kvmppc_get_regs(c->vcpu, &regs);
	memset(regs.gpr, 0, sizeof(regs.gpr));
	regs.pc = pc;
	regs.msr = msr;
	regs.gpr[3] = r3;
	regs.gpr[4] = r4;
	regs.cr = regs.lr = regs.ctr = regs.xer = 0;
	kvmppc_set_regs(c->vcpu, &regs);
}

static bool is_stop_self(struct machine *m, const struct kvm_run *run)
{
	uint64_t a = run->papr_hcall.args[0];
	return run->papr_hcall.nr == H_RTAS && ram_ok(m, a, 4) && ram_be32(m, a) == RTAS_STOP_SELF;
}

static void *vcpu_thread(void *p)
{
	struct thread_arg *ta = p;
	struct machine *m = ta->m;
	struct machine_vcpu *c = &m->cpu[ta->idx];
	struct kvm_run *run = kvmppc_vcpu_run_struct(c->vcpu);
	bool warned_mmio = false;
	if (m->opt.trace)
		trace_enable(c);
	for (;;) {
		pthread_mutex_lock(&m->lock);
		/* stopped, or parked for a snapshot (snapshot.c) */
		while (!atomic_load(&m->exiting) &&
		       (m->snap_pending || (c->state == VCPU_STOPPED && !c->start_requested))) {
			if (m->snap_pending)
				snapshot_complete_hcall(c);
			c->parked = true;
			pthread_cond_wait(&m->cond, &m->lock);
		}
		c->parked = false;
		if (atomic_load(&m->exiting)) {
			pthread_mutex_unlock(&m->lock);
			break;
		}
		if (c->start_requested) {
			/* RTAS start-cpu: 64-bit, big-endian, MMU off, EE off (section 1.3). */
			set_start_state(c, c->start_pc, 0x8000000000001000ULL, c->start_r3, 0);
			c->start_requested = false;
			c->state = VCPU_RUNNING;
		}
		pthread_mutex_unlock(&m->lock);

		c->hcall_answered = false;
		int r = kvmppc_run(c->vcpu);
		if (atomic_load(&m->exiting))
			break;
		if (r == -EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "kvmppc-run: vcpu %u: run failed: %s\n", ta->idx, strerror(-r));
			machine_shutdown(m, 1);
			break;
		}
		switch (run->exit_reason) {
		case KVM_EXIT_DEBUG:
			trace_insn(m, ta->idx, run);
			break;
		case KVM_EXIT_PAPR_HCALL:
			if (is_stop_self(m, run)) {
				rtas_call(m, ta->idx, run->papr_hcall.args[0]);
				pthread_mutex_lock(&m->lock);
				c->state = VCPU_STOPPED;
				pthread_mutex_unlock(&m->lock);
				run->papr_hcall.ret = 0;
				c->hcall_answered = true;
				break;
			}
			machine_hcall(m, ta->idx, run);
			c->hcall_answered = true;
			if (atomic_exchange(&m->snap_trigger, false))
				snapshot_midway(m, ta->idx);
			break;
		case KVM_EXIT_MMIO:
			/* pseries has no MMIO devices here: reads see all ones, writes vanish. */
			if (!warned_mmio) {
				fprintf(stderr, "kvmppc-run: warning: vcpu %u: %s of unassigned address 0x%llx\n",
					ta->idx, run->mmio.is_write ? "write" : "read",
					(unsigned long long)run->mmio.phys_addr);
				warned_mmio = true;
			}
			if (!run->mmio.is_write)
				memset(run->mmio.data, 0xff, sizeof(run->mmio.data));
			break;
		case KVM_EXIT_INTR:
			break;
		default: {
			struct kvm_regs regs;
			kvmppc_get_regs(c->vcpu, &regs);
			fprintf(stderr, "kvmppc-run: vcpu %u: unexpected exit %u at pc 0x%llx\n",
				ta->idx, run->exit_reason, (unsigned long long)regs.pc);
			machine_shutdown(m, 1);
			return NULL;
		}
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	static struct machine m;
	if (parse_args(argc, argv, &m.opt))
		return 2;
	pthread_mutex_init(&m.lock, NULL);
	pthread_mutex_init(&m.events_lock, NULL);
	for (unsigned i = 0; i < m.opt.nmarks; i++)
		m.events[1 + i].text = m.opt.marks[i];
	pthread_cond_init(&m.cond, NULL);
	const char *load = m.opt.snapshot_load;
	if (load && snapshot_read_machine(&m, load))
		return 1;
	int r = kvmppc_create_vm(0, &m.vm);
	if (!r)
		r = setup_memory(&m);
	if (r) {
		fprintf(stderr, "kvmppc-run: cannot set up the VM: %s\n", strerror(-r));
		return 1;
	}
	/* Hcalls the library can answer without a VMM round trip, beyond its defaults
	 * (QEMU enables the same set where the kernel offers them). */
	static const unsigned in_library[] = {H_SET_MODE, H_PAGE_INIT, H_RANDOM, H_SET_SPRG0,
		H_GET_CPU_CHARACTERISTICS, H_CLEAR_REF, H_CLEAR_MOD};
	for (size_t i = 0; i < sizeof(in_library) / sizeof(in_library[0]); i++) {
		struct kvm_enable_cap hc = {.cap = KVM_CAP_PPC_ENABLE_HCALL, .args = {in_library[i], 1}};
		kvmppc_vm_enable_cap(m.vm, &hc); /* an hcall the library lacks stays with us */
	}
	if (m.opt.threads > 1) {
		/* Cores of T consecutive vcpu ids, so that msgsndp (a Linux guest's IPI between
		 * sibling threads) reaches the sibling (pseries-machine.md section 7, SMT). */
		struct kvm_enable_cap smt = {.cap = KVM_CAP_PPC_SMT, .args = {m.opt.threads, 0}};
		if ((r = kvmppc_vm_enable_cap(m.vm, &smt))) {
			fprintf(stderr, "kvmppc-run: -smp threads=%u: %s\n", m.opt.threads, strerror(-r));
			return 1;
		}
	}
	m.nvcpus = m.opt.smp;
	for (unsigned i = 0; i < m.nvcpus; i++) {
		struct machine_vcpu *c = &m.cpu[i];
		if ((r = kvmppc_create_vcpu(m.vm, i, &c->vcpu))) {
			fprintf(stderr, "kvmppc-run: vcpu %u: %s\n", i, strerror(-r));
			return 1;
		}
		struct kvm_enable_cap papr = {.cap = KVM_CAP_PPC_PAPR};
		struct kvm_sregs sregs;
		kvmppc_vcpu_enable_cap(c->vcpu, &papr);
		kvmppc_get_sregs(c->vcpu, &sregs);
		sregs.pvr = m.opt.pvr;
		if ((r = kvmppc_set_sregs(c->vcpu, &sregs))) {
			fprintf(stderr, "kvmppc-run: cpu model: %s\n", strerror(-r));
			return 1;
		}
		if (load)
			continue; /* the XICS and run states come from the snapshot */
		c->cppr = 0;
		c->mfrr = 0xff;
		c->state = VCPU_STOPPED;
	}
	if (m.opt.icount_shift >= 0 && (r = kvmppc_vm_set_clock(m.vm, m.opt.icount_shift))) {
		fprintf(stderr, "kvmppc-run: -icount: %s\n", strerror(-r));
		return 1;
	}
	if (load) {
		if ((r = kvmppc_snapshot_load(m.vm, load))) {
			fprintf(stderr, "kvmppc-run: cannot load snapshot %s: %s\n", load,
				r == -EINVAL ? "corrupt, truncated, or of another machine" : strerror(-r));
			return 1;
		}
		xics_resync(&m);
		console_init();
	} else {
		if ((r = load_guest(&m))) {
			fprintf(stderr, "kvmppc-run: cannot load the guest: %s\n", strerror(-r));
			return 1;
		}
		console_init();
		/* Boot vcpu: MSR = ME|FP, 32-bit, big-endian, MMU off; r3 = FDT (section 1.2). */
		set_start_state(&m.cpu[0], m.entry, 0x3000, m.fdt_addr, 0);
		m.cpu[0].state = VCPU_RUNNING;
	}

	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &m.t0);
	static struct thread_arg args[MAX_VCPUS];
	for (unsigned i = 0; i < m.nvcpus; i++) {
		args[i] = (struct thread_arg){&m, i};
		if (pthread_create(&m.cpu[i].thread, NULL, vcpu_thread, &args[i]) == 0)
			m.cpu[i].thread_started = true;
	}
	for (unsigned i = 0; i < m.nvcpus; i++)
		if (m.cpu[i].thread_started)
			pthread_join(m.cpu[i].thread, NULL);
	console_flush();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (m.opt.snapshot_console && !m.snap_done)
		fprintf(stderr, "kvmppc-run: warning: the guest never printed \"%s\": no snapshot saved\n",
			m.opt.snapshot_console);
	if (m.opt.snapshot_save && !m.opt.snapshot_console) { /* --snapshot-at exit */
		for (unsigned i = 0; i < m.nvcpus; i++)
			snapshot_complete_hcall(&m.cpu[i]);
		if (snapshot_save(&m) && !m.exit_code)
			m.exit_code = 1;
	}
		FILE *sf = m.opt.stats ? fopen(m.opt.stats, "w") : NULL;
	if (sf) {
		uint64_t insns = 0;
		for (unsigned i = 0; i < m.nvcpus; i++)
			insns += kvmppc_vcpu_instructions(m.cpu[i].vcpu);
		fprintf(sf, "{\"guest_instructions\": %llu, \"wall_seconds\": %.6f, \"exit_code\": %d",
			(unsigned long long)insns,
			(double)(t1.tv_sec - m.t0.tv_sec) + (double)(t1.tv_nsec - m.t0.tv_nsec) * 1e-9,
			m.exit_code);
		for (unsigned i = 0; i <= m.opt.nmarks; i++) {
			const struct console_event *e = &m.events[i];
			if (i == 0)
				fprintf(sf, ",\n \"first_output\": ");
			else
				fprintf(sf, "%s{\"text\": \"", i == 1 ? ",\n \"marks\": [" : ",\n   ");
			for (const char *c = e->text; c && *c; c++) { /* a JSON string */
				unsigned char ch = (unsigned char)*c;
				if (ch == '"' || ch == '\\')
					fprintf(sf, "\\%c", ch);
				else if (ch < 0x20)
					fprintf(sf, "\\u%04x", (unsigned)ch);
				else
					fputc(ch, sf);
			}
			fprintf(sf, i ? "\", " : "{");
			if (e->seen)
				fprintf(sf, "\"seconds\": %.6f, \"instructions\": %llu}", e->seconds,
					(unsigned long long)e->instructions);
			else
				fprintf(sf, "\"seconds\": null, \"instructions\": null}");
		}
		fprintf(sf, "%s}\n", m.opt.nmarks ? "]" : "");
		fclose(sf);
	} else if (m.opt.stats) {
		fprintf(stderr, "kvmppc-run: cannot write %s: %s\n", m.opt.stats, strerror(errno));
	}
	kvmppc_destroy_vm(m.vm);
	return m.exit_code;
}
