#!/usr/bin/perl
# test/doctest.pl: run the SQL examples of Markdown files and check their printed output.
#
#   perl test/doctest.pl README.md docs/*.md
#
# Conventions for the Markdown:
#   ```sql            a query. If the next fenced block (only blank lines in between) is opened
#   SELECT ...;       with ``` or ```text, that block is the expected psql output: the query
#   ```               passes when its output (stdout and stderr together, so NOTICE and
#                     ERROR lines count) matches, whatever psql's exit status. Otherwise the
#   ```text           query must just run without error.
#    ...
#   ```
#   ```sql setup      runs, must succeed, output not checked (CREATE TABLE and the like that
#                     later blocks of the same database use).
#   ```sql norun      not run at all (fragments, pseudo-code, slow or server-changing examples).
# Each block runs in a fresh psql session:
#   psql -X -q --no-psqlrc -P pager=off -v ON_ERROR_STOP=1 [-d $DOCTEST_DB] < block
# so -q hides command tags (CREATE TABLE, INSERT 0 1) and a failing statement stops the block.
# The connection comes from the environment (PGHOST, PGPORT, PGUSER); the database is
# DOCTEST_DB, else PGDATABASE. Blocks run in file order; setup blocks persist in the database.
# Comparison ignores trailing whitespace on each line and leading/trailing blank lines.
# Output is TAP: "ok N - file:line" (line of the ```sql fence); a failure shows a unified diff
# (expected vs. actual). Exit status 0 when all pass, 1 when any fails, 2 on bad usage.
# Perl core modules only.
use strict;
use warnings;
use File::Temp qw(tempfile tempdir);

my @psql = ($ENV{DOCTEST_PSQL} // 'psql', '-X', '-q', '--no-psqlrc', '-P', 'pager=off',
            '-v', 'ON_ERROR_STOP=1');
push @psql, '-d', $ENV{DOCTEST_DB} if defined $ENV{DOCTEST_DB} && $ENV{DOCTEST_DB} ne '';

if (!@ARGV || $ARGV[0] =~ /^--?h(elp)?$/) {
    print STDERR "usage: perl test/doctest.pl FILE.md...   (database: DOCTEST_DB or PGDATABASE)\n";
    exit 2;
}

my $tmp = tempdir('doctest.XXXXXX', TMPDIR => 1, CLEANUP => 1);
my ($n, $failed, $skipped) = (0, 0, 0);

sub report {
    my ($ok, $where, $note, @diag) = @_;
    $n++;
    $failed++ unless $ok;
    print(($ok ? 'ok' : 'not ok'), " $n - $where", (defined $note ? " # $note" : ''), "\n");
    print map { "#   $_\n" } @diag;
}

# Blocks of a Markdown file: { line, lang, flags, body, gap_blank } where gap_blank says whether
# only blank lines separate the block from the previous one.
sub parse_blocks {
    my ($file) = @_;
    open my $fh, '<:encoding(UTF-8)', $file or return (undef, "cannot read $file: $!");
    my (@blocks, $cur, $fence_re);
    my $gap_blank = 0;     # nothing but blank lines since the last block closed
    my $lineno = 0;
    while (my $l = <$fh>) {
        $lineno++;
        $l =~ s/\r?\n\z//;
        if ($cur) {
            if ($l =~ $fence_re) {
                push @blocks, $cur;
                undef $cur;
                $gap_blank = 1;
                next;
            }
            # (not {0,0}: perl 5.36 matches one space with it on UTF-8 strings)
            $l =~ s/^ {1,$cur->{indent}}// if $cur->{indent};
            push @{ $cur->{body} }, $l;
        } elsif ($l =~ /^( {0,3})(`{3,}|~{3,})\s*([^`]*?)\s*$/) {
            my ($indent, $fence, $info) = (length $1, $2, $3);
            my ($lang, @flags) = split ' ', $info;
            my $ch = quotemeta substr($fence, 0, 1);
            my $len = length $fence;
            $fence_re = qr/^ {0,3}(?:$ch){$len,}\s*$/;
            $cur = { line => $lineno, lang => lc($lang // ''), flags => { map { lc($_) => 1 } @flags },
                     body => [], indent => $indent, gap_blank => $gap_blank };
        } elsif ($l !~ /^\s*$/) {
            $gap_blank = 0;
        }
    }
    close $fh;
    return (undef, "$file:$cur->{line}: unclosed code fence") if $cur;
    return (\@blocks);
}

sub normalize {
    my @l = map { s/\s+\z//r } split /\r?\n/, $_[0], -1;
    shift @l while @l && $l[0] eq '';
    pop @l while @l && $l[-1] eq '';
    return join("\n", @l) . "\n";
}

# Run SQL text in a fresh psql; return (exit status, stdout+stderr).
sub run_psql {
    my ($sql) = @_;
    my ($in, $inname) = tempfile(DIR => $tmp);
    binmode $in, ':encoding(UTF-8)';
    print $in $sql;
    close $in;
    my $outname = "$inname.out";
    my $pid = fork;
    die "fork: $!" unless defined $pid;
    if (!$pid) {
        open STDIN, '<', $inname or die "$inname: $!";
        open STDOUT, '>', $outname or die "$outname: $!";
        open STDERR, '>&', \*STDOUT or die "dup: $!";
        exec @psql or do { print STDERR "cannot run $psql[0]: $!\n"; exit 127 };
    }
    waitpid $pid, 0;
    my $status = $? >> 8 || ($? & 127 ? 128 + ($? & 127) : 0);
    open my $fh, '<:encoding(UTF-8)', $outname or die "$outname: $!";
    local $/;
    my $out = <$fh> // '';
    close $fh;
    unlink $inname, $outname;
    return ($status, $out);
}

sub unified_diff {
    my ($want, $got) = @_;
    my ($fw, $nw) = tempfile(DIR => $tmp);
    my ($fg, $ng) = tempfile(DIR => $tmp);
    binmode $_, ':encoding(UTF-8)' for $fw, $fg;
    print $fw $want;
    print $fg $got;
    close $fw;
    close $fg;
    open my $d, '-|', 'diff', '-u', '--label', 'expected', '--label', 'actual', $nw, $ng
        or return ("(diff failed: $!)");
    binmode $d, ':encoding(UTF-8)';
    my @lines = map { s/\n\z//r } <$d>;
    close $d;
    unlink $nw, $ng;
    return @lines;
}

binmode STDOUT, ':encoding(UTF-8)';
for my $file (@ARGV) {
    my ($blocks, $err) = parse_blocks($file);
    if (!$blocks) {
        report(0, $file, undef, $err);
        next;
    }
    for (my $i = 0; $i < @$blocks; $i++) {
        my $b = $blocks->[$i];
        next unless $b->{lang} eq 'sql';
        my $where = "$file:$b->{line}";
        my $next = $blocks->[$i + 1];
        if ($b->{flags}{norun}) {
            $skipped++;
            report(1, $where, 'SKIP norun');
            next;
        }
        my $sql = join("\n", @{ $b->{body} }) . "\n";
        my ($status, $out) = run_psql($sql);
        if (!$b->{flags}{setup} && $next && $next->{gap_blank}
            && ($next->{lang} eq '' || $next->{lang} eq 'text')) {
            $i++;    # the output block is consumed
            my $want = normalize(join("\n", @{ $next->{body} }));
            my $got = normalize($out);
            if ($want eq $got) {
                report(1, $where);
            } else {
                report(0, $where, undef, "output differs (psql exit status $status):",
                       unified_diff($want, $got));
            }
        } elsif ($status == 0) {
            report(1, $where, $b->{flags}{setup} ? 'setup' : undef);
        } else {
            report(0, $where, undef, "psql exit status $status:", split /\n/, normalize($out));
        }
    }
}
print "1..$n\n";
printf "# %d SQL example(s): %d passed, %d failed, %d skipped\n",
    $n, $n - $failed - $skipped, $failed, $skipped;
exit($failed ? 1 : 0);
