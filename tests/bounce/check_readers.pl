#!/usr/bin/perl
# Real bounce parsers read the reports tests/bounce/write_samples wrote:
#
#   check_readers.pl sisimai DIR
#       Sisimai (Debian libsisimai-perl) must report every manifest row
#       that names a reason: the recipient, its Status and that reason of
#       Sisimai's taxonomy (userunknown 5.1.1, mailboxfull 5.2.2,
#       hostunknown 5.1.2, expired 5.4.7). Rows without one are printed
#       with what Sisimai made of them.
#   check_readers.pl bounceparser DIR
#       Mail::DeliveryStatus::BounceParser (Debian
#       libmail-deliverystatus-bounceparser-perl) must find every failed
#       recipient, with its Status, of every report that is not
#       international (it reads message/delivery-status only, not RFC
#       6533's message/global-delivery-status). It gets each report with
#       LF line ends, as a mailbox stores it: it splits the blocks of the
#       delivery-status part on /\n{2,}/ only.
#
# A missing module skips (exit 77) unless DSN_REQUIRE_E2E=1: then it fails.
use strict;
use warnings;

my ($reader, $dir) = @ARGV;
die "usage: check_readers.pl sisimai|bounceparser DIR\n"
  unless defined $dir && $reader =~ /\A(?:sisimai|bounceparser)\z/;
my $module = $reader eq 'sisimai' ? 'Sisimai' : 'Mail::DeliveryStatus::BounceParser';
unless (eval "require $module; 1") {
    my $pkg = $reader eq 'sisimai' ? 'libsisimai-perl'
                                   : 'libmail-deliverystatus-bounceparser-perl';
    print "$module not installed (apt-get install $pkg): not checked\n";
    exit(($ENV{DSN_REQUIRE_E2E} // '') eq '1' ? 1 : 77);
}

open my $mf, '<:encoding(UTF-8)', "$dir/manifest.tsv" or die "$dir/manifest.tsv: $!\n";
my $head = <$mf>;
my @rows;
while (my $line = <$mf>) {
    chomp $line;
    my %r;
    @r{qw(file recipient action status reason)} = split /\t/, $line;
    push @rows, \%r;
}
close $mf;

sub slurp {
    my ($path) = @_;
    open my $fh, '<:raw', $path or die "$path: $!\n";
    local $/;
    my $s = <$fh>;
    close $fh;
    return $s;
}

my ($checked, @failures) = (0);
my %by_file;
push @{ $by_file{ $_->{file} } }, $_ for @rows;

for my $file (sort keys %by_file) {
    my $path = "$dir/$file";
    if ($reader eq 'sisimai') {
        my $found = Sisimai->make($path, delivered => 1) || [];
        my %got;
        for my $e (@$found) {
            my $addr = $e->recipient->address;
            utf8::decode($addr);
            $got{$addr} = [ $e->deliverystatus, $e->reason ];
        }
        for my $r (@{ $by_file{$file} }) {
            my $g = $got{ $r->{recipient} };
            my $said = $g ? "$g->[0] $g->[1]" : 'not reported';
            binmode STDOUT, ':encoding(UTF-8)';
            printf "%-22s %-40s %s %-11s Sisimai: %s\n", $file, $r->{recipient},
              $r->{status}, $r->{reason}, $said;
            next if $r->{reason} eq '-';
            $checked++;
            push @failures, "$file: $r->{recipient}: Sisimai says $said, "
              . "not $r->{status} $r->{reason}"
              unless $g && $g->[0] eq $r->{status} && $g->[1] eq $r->{reason};
        }
    } else {
        my $message = slurp($path);
        next if $message =~ m{^Content-Type: message/global-delivery-status}m;
        $message =~ s/\r\n/\n/g;
        my $bounce = Mail::DeliveryStatus::BounceParser->new($message);
        my %got = map { ($_->get('email') // '') => ($_->get('status') // '') }
          $bounce->reports;
        for my $r (@{ $by_file{$file} }) {
            next unless $r->{action} eq 'failed';
            my $said = exists $got{ $r->{recipient} }
              ? "found, status $got{ $r->{recipient} }" : 'not found';
            printf "%-22s %-40s %s BounceParser: %s\n", $file, $r->{recipient},
              $r->{status}, $said;
            $checked++;
            push @failures, "$file: $r->{recipient}: BounceParser: $said"
              unless ($got{ $r->{recipient} } // '') eq $r->{status};
        }
    }
}
print "FAIL: $_\n" for @failures;
printf "%d recipients checked with %s %s; %d failures\n", $checked, $module,
  $module->VERSION, scalar @failures;
exit(@failures ? 1 : ($checked ? 0 : 1));
