#!/usr/bin/perl
# The second baseline of the DSN reader's benchmark (bench/report.sh runs
# it): Sisimai (Debian libsisimai-perl), a mature bounce parser, on every
# message of a directory read into memory once. Per message what
# Sisimai->make does for one message of a mailbox: Sisimai::Message->new
# (MIME, its 60-odd MTA modules and the RFC 3464 reader) and
# Sisimai::Data->make (one result per recipient). Prints the median over
# the rounds of the CPU ns per message, the messages, and the recipients.
#
# Usage: report_sisimai.pl DIR [--rounds N]
use strict;
use warnings;
use Time::HiRes qw(clock_gettime CLOCK_PROCESS_CPUTIME_ID);
use Sisimai::Message;
use Sisimai::Data;

my ($dir, undef, $rounds) = @ARGV;
$rounds //= 3;
opendir(my $dh, $dir) or die "report_sisimai.pl: $dir: $!\n";
my @msgs;
for my $name (sort grep { /\.eml$/ } readdir $dh) {
    open(my $fh, '<:raw', "$dir/$name") or die "$dir/$name: $!\n";
    local $/;
    push @msgs, scalar <$fh>;
    close $fh;
}

sub read_all {
    my $found = 0;
    for my $m (@msgs) {
        my $mesg = Sisimai::Message->new('data' => $m) or next;
        my $data = Sisimai::Data->make('data' => $mesg) or next;
        $found += scalar @$data;
    }
    return $found;
}

my $first = read_all();
my @ns;
for (1 .. $rounds) {
    my $t0  = clock_gettime(CLOCK_PROCESS_CPUTIME_ID);
    my $got = read_all();
    push @ns, (clock_gettime(CLOCK_PROCESS_CPUTIME_ID) - $t0) * 1e9 / scalar @msgs;
    die "report_sisimai.pl: a round found other recipients\n" if $got != $first;
}
@ns = sort { $a <=> $b } @ns;
printf "sisimai\t%.1f\t%d\t%d\n", $ns[$#ns / 2], scalar @msgs, $first;
