#!/usr/bin/perl
# seeds.pl CORPUS_DIR FIXTURE_DIR OUT_DIR [CONVERSATIONS_DIR] — writes the
# starting inputs of each fuzz target to OUT_DIR/<target>/: the corpus
# articles and gazetteer for the loaders (the gazetteer also in small pieces,
# which mutate faster), its paragraphs and sentences for the text targets, a
# few inputs that have broken parsers elsewhere (BOM, CRLF, NUL, invalid
# UTF-8, YAML anchors/tags), and for the language server the byte streams the
# scripted conversations (tests/lsp/*.conv) send.
use strict;
use warnings;

my ($corpus, $fixture, $out, $cli, $conversations) = @ARGV;
die "usage: seeds.pl CORPUS_DIR FIXTURE_DIR OUT_DIR [CLI_TESTS_DIR [CONVERSATIONS_DIR]]\n"
    unless defined $out;

sub slurp { my ($p) = @_; open my $f, '<:raw', $p or die "$p: $!\n"; local $/; my $t = <$f>; $t }
sub put {
    my ($target, $name, $data) = @_;
    mkdir "$out/$target";
    open my $f, '>:raw', "$out/$target/$name" or die "$out/$target/$name: $!\n";
    print $f $data;
}

mkdir $out;
my @text_targets = qw(scan corroborate check_quote segment);
my @articles = sort glob "$corpus/*.txt";
@articles = (@articles, sort glob "$corpus/*.md");

# ---------------------------------------------------------------- article loader
for my $p (@articles, "$fixture/a.md", "$fixture/b.md") {
    (my $n = $p) =~ s{.*/}{};
    put('article', "file-$n", slurp($p));
}
my $fm = "---\nid: x-1\nkey: x1\ntitle: \"T\"\npublisher: P\nauthor: A\ndate: \"2023-01-02\"\n"
       . "language: en\ntype: article\nurl: unknown\n";
my $body = "North Korea met Russia. \x{201C}A quote,\x{201D} said Kim.\n\nSecond paragraph here.\n";
utf8::encode($body);
my %article = (
    'bom'          => "\xEF\xBB\xBF$fm---\n$body",
    'crlf'         => join("\r\n", split /\n/, "$fm---\n$body") . "\r\n",
    'no-fm'        => "Just a title line\n\n$body",
    'dots-end'     => "$fm...\n$body",
    'unclosed'     => "$fm$body",
    'empty-fm'     => "---\n---\n$body",
    'nul'          => "$fm---\nNUL\0here\n",
    'bad-utf8'     => "$fm---\nbad \xC3\x28 and \xF0\x9F \xFF\n",
    'anchors'      => "---\nid: &a x\nkey: *a\ntitle: *a\n---\n$body",
    'tag'          => "---\nid: !!python/object:os.system x\ntitle: t\n---\n",
    'flow'         => "---\n{id: a, title: b, date: [1, 2]}\n---\n",
    'seq-value'    => "---\nid: a\ntitle: [x]\n---\n",
    'dup-key'      => "---\nid: a\nid: b\ntitle: t\n---\n",
    'block-scalar' => "---\nid: a\ntitle: |\n  two\n  lines\nauthor: >-\n  folded\n---\n",
    'only-dashes'  => "---\n",
    'authors'      => "---\nid: a\ntitle: t\nauthor:\n  - Uriel Araujo\n  - {family: Pak, given: Noja, family-first: true}\n"
                    . "  - literal: Reuters\n  - van Beethoven, Ludwig\ndate: Sept. 13, 2023\nkeywords: [a, b]\n"
                    . "extra: {layout: post, tags: [x], nested: {deep: [1, {k: v}]}}\n---\n$body",
    'written-date' => "---\nid: a\ntitle: t\ndate: 2024-04-12T01:00:00+01:00\nkeywords: \"x, y\"\n---\n$body",
    'empty'        => "",
);
put('article', $_, $article{$_}) for keys %article;

# ---------------------------------------------------------------- actors.yaml loader
my $actors = slurp("$corpus/actors.yaml");
put('actors', 'corpus-actors.yaml', $actors);
put('actors', 'fixture-actors.yaml', slurp("$fixture/actors.yaml"));
my @blocks = split /\n(?=  - id: )/, $actors;
shift @blocks;    # the header comments and "actors:"
for (my $i = 0; $i < @blocks; $i += 4) {
    my $last = $i + 3 < $#blocks ? $i + 3 : $#blocks;
    put('actors', sprintf('piece-%02d.yaml', $i / 4), join("\n", "actors:", @blocks[$i .. $last]) . "\n");
}
my %yaml = (
    'anchors'   => "actors:\n  - &p {id: a, name: Alpha, kind: person, aliases: &l [Al, Alf]}\n"
                 . "  - {id: b, name: Beta, kind: org, aliases: *l}\n  - *p\n",
    'merge'     => "actors:\n  - &p {id: a, name: Alpha, kind: person}\n  - <<: *p\n    id: b\n",
    'tag'       => "actors:\n  - !!python/object {id: a}\n",
    'bom-crlf'  => "\xEF\xBB\xBFactors:\r\n  - id: a\r\n    name: Alpha\r\n    kind: state\r\n",
    'nul'       => "actors:\n  - id: a\n    name: \"Al\\0pha\"\n    kind: person\n",
    'bad-utf8'  => "actors:\n  - id: a\n    name: Al\xC3\x28pha\n    kind: person\n",
    'shared'    => "actors:\n  - {id: a, name: Ann Lee, kind: person, short: [Lee]}\n"
                 . "  - {id: b, name: Bo Lee, kind: person, short: [Lee, Lee]}\n",
    'clash'     => "actors:\n  - {id: a, name: Ann, kind: person}\n  - {id: b, name: ann, kind: org}\n",
    'dup-id'    => "actors:\n  - {id: a, name: Ann, kind: person}\n  - {id: a, name: Bob, kind: org}\n",
    'short'     => "actors:\n  - {id: a, name: A, kind: person, aliases: ['', ' ', '--']}\n",
    'dotted'    => "actors:\n  - {id: us, name: U.S., kind: state, aliases: [U.S.A., US]}\n",
    'long'      => "actors:\n  - {id: a, name: " . join(' ', ('w') x 20) . ", kind: event}\n",
    'not-list'  => "actors: {id: a}\n",
    'scalar'    => "actors\n",
    'empty'     => "",
    'multi-doc' => "actors: []\n---\nactors: []\n",
    'patterns'  => "actors:\n  - id: kju\n    name: Kim Jong Un\n    kind: person\n"
                 . "    patterns: ['Kim\\s+Jong[- ]?un', '(?:the )?Hermit Kingdom', 'Mr\\.? K\\w+']\n"
                 . "  - {id: x, name: Xavier, kind: org, patterns: [\"x{2,}\", '\\QU.S.\\E', '(?x) ab # c']}\n",
    'pattern-bad' => "actors:\n  - {id: a, name: Ann, kind: person, patterns: ['(a+)+\$', 'a|', '(*UTF)ab', '(']}\n",
);
put('actors', "$_.yaml", $yaml{$_}) for keys %yaml;

# ---------------------------------------------------------------- text targets
my ($np, $ns) = (0, 0);
for my $p (@articles) {
    my $t = slurp($p);
    $t =~ s/\A(?:\xEF\xBB\xBF)?---\n.*?\n---\n//s;    # front matter
    for my $para (split /\n\s*\n/, $t) {
        next unless $para =~ /\w/;
        # a paragraph is a slow quotation to check: only a few for check_quote
        put($_, sprintf('para-%03d', $np), $para)
            for ($np % 8 ? qw(scan corroborate segment) : @text_targets);
        $np++;
        for my $s (split /(?<=[.!?])\s+(?=\S)/, $para) {
            next unless length $s > 20;
            put($_, sprintf('sent-%03d', $ns), $s) for qw(scan corroborate segment);
            put('check_quote', sprintf('sent-%03d', $ns), $s);
            put('check_quote', sprintf('quoted-%03d', $ns), "He said \xE2\x80\x9C$s\xE2\x80\x9D in \"$s\".")
                if $ns % 4 == 0;
            $ns++;
        }
    }
}
my %text = (
    'bom'        => "\xEF\xBB\xBFKim met Putin.",
    'crlf'       => "Kim Jong-un met Putin.\r\n\r\nThe U.S. said \"no\".\r\n",
    'nul'        => "North\0Korea and Russia.",
    'bad-utf8'   => "Pyongyang \xC3\x28 Moscow \xE2\x82 \xF0\x9F\x98 \xFF\xFE end",
    'overlong'   => "\xC0\xAF \xE0\x80\xAF \xED\xA0\x80 \xF4\x90\x80\x80",
    'quotes'     => "\xE2\x80\x9Cunclosed \"straight\xE2\x80\x9D\n\n\"\xE2\x80\x9C\xE2\x80\x9D\"",
    'space-tail' => "\"a quote\n \t\r",
    'possessive' => "Russia's and Russia\xE2\x80\x99s and Kim's",
    'hyphens'    => "Kim-Jong-Un, North-Korea, U.S.-led, DPRK",
    'bullets'    => "  \xE2\x80\xA2 One.\n  \xE2\x80\xA2 Two.\n# Heading\n- three",
    'abbrev'     => "Mr. Kim met Dr. Putin on Sept. 13 in the U.S. Then he left.",
    'diacritics' => "R\xC3\xBCdiger Frank and RUDIGER FRANK and \xC3\x85sia",
    'empty'      => "",
    'one-dot'    => ".",
);
for my $name (keys %text) { put($_, $name, $text{$name}) for @text_targets }

# ---------------------------------------------------------------- fact tokens
for my $name (grep { /^sent-/ } map { s{.*/}{}r } glob "$out/segment/*") {
    put('facts', $name, slurp("$out/segment/$name"));
}
my @facts = ("They met on September 13, 2023, not on 13 September or Sept. 20.",
    "XZ 5.6.1 replaced 5.4.6 in 2024-03-29; 3.5 and 76.7% or 96.7 per cent.",
    "It cost US\$1.8 million, \xE2\x82\xAC5bn, a million and thirty-three dollars; the 21st time.",
    "one hundred and five people, a two-decade gap, the 1990s, COVID-19, Malligyong-1.",
    "On Wednesday, September 13, in May 2023, Kim may march; twelve 1,000,000 2,000.5.");
put('facts', sprintf('facts-%d', $_), $facts[$_]) for 0 .. $#facts;

# ---------------------------------------------------------------- WordNet files
# A small consistent database cut from Debian's wordnet-base when installed:
# the first two synsets of a few lemmas, with the offsets recomputed (pointers
# to synsets left out dangle, as a corrupt file's would); else a hand-written one. Files are separated by NUL bytes.
my $wn = '/usr/share/wordnet';
my @poses = qw(noun verb adj adv);
my %code = (n => 'noun', v => 'verb', a => 'adj', s => 'adj', r => 'adv');
my @files;
if (-r "$wn/index.noun") {
    my %want;    # "pos offset" => 1
    my %index;   # pos => [lines]
    my @lemmas = qw(weapon missile gun pledge vow fail succeed armored armoured arrive);
    for my $pos (@poses) {
        open my $f, '<', "$wn/index.$pos" or die "$wn/index.$pos: $!\n";
        while (my $l = <$f>) {
            my ($lemma) = split / /, $l;
            next unless grep { $_ eq $lemma } @lemmas;
            push @{ $index{$pos} }, $l;
            my @senses = $l =~ /\b(\d{8})\b/g;
            $want{"$pos $_"} = 1 for @senses[0 .. ($#senses < 1 ? $#senses : 1)];
        }
    }
    my %line;    # "pos offset" => data line
    my $read = sub {
        my ($pos, $off) = @_;
        open my $f, '<', "$wn/data.$pos" or die "$wn/data.$pos: $!\n";
        seek $f, $off, 0;
        return scalar <$f>;
    };
    for my $k (sort keys %want) {
        my ($pos, $off) = split / /, $k;
        my $l = $read->($pos, $off);
        $line{$k} = $l;
    }
    my %new;    # "pos old" => new offset
    my %data;
    for my $pos (@poses) {
        my $at = length "  1 seed cut from wordnet-base  \n";
        $data{$pos} = "  1 seed cut from wordnet-base  \n";
        for my $k (sort grep { /^$pos / } keys %line) {
            $new{$k} = $at;
            $at += length $line{$k};
        }
    }
    my $fix = sub { my ($pos, $o) = @_; exists $new{"$pos $o"} ? sprintf('%08d', $new{"$pos $o"}) : $o };
    for my $k (sort keys %line) {
        my ($pos) = split / /, $k;
        (my $l = $line{$k}) =~ s/^(\d{8})/$fix->($pos, $1)/e;
        $l =~ s/(\d{8}) ([nvasr]) (\d{4})/$fix->($code{$2}, $1) . " $2 $3"/ge;
        $data{$pos} .= $l;
    }
    for my $pos (@poses) {
        my $idx = join '', map { s/\b(\d{8})\b/$fix->($pos, $1)/ger } sort @{ $index{$pos} // [] };
        my $exc = -r "$wn/$pos.exc" ? join('', grep { /^(geese|went|men|better) / } do {
            open my $f, '<', "$wn/$pos.exc"; <$f> }) : '';
        push @files, $idx, $data{$pos}, $exc;
    }
    # cntlist.rev: the lines of the same lemmas
    my $cnt = '';
    if (open my $f, '<', "$wn/cntlist.rev") {
        while (my $l = <$f>) {
            my ($lemma) = $l =~ /^([^%]+)%/;
            $cnt .= $l if defined $lemma && grep { $_ eq $lemma } @lemmas;
        }
    }
    push @files, $cnt;
} else {
    @files = ("weapon n 1 1 ~ 1 1 00000000  \n",
              "00000000 06 n 02 weapon 0 arm 0 001 ~ 00000000 n 0000 | a weapon  \n",
              "weapons weapon\n", ('') x 9, "weapon%1:06:00:: 1 31\n");
}
put('wordnet', 'cut', join "\0", @files);
put('wordnet', 'noun-only', join "\0", @files[0 .. 2]);
put('wordnet', 'empty', '');

# ---------------------------------------------------------------- dates and names
my @metadata = ('2024', '2024-04', '2024-04-02', '2024/04/02', '2024-04-12T01:00:00+01:00',
                '2015-04-20 18:30:00 +0100', 'April 2, 2024', 'Apr 2 2024', 'Sept. 13, 2023',
                '2 April 2024', '2nd Apr. 2024', 'Tuesday 15 October 2019', 'April 2024',
                'Apr 16, 2015 8:02 pm UTC', '15 October 2019 at 09:11', '04/02/2024', '29 February 2023',
                'Uriel Araujo', 'Bradley M. Kuhn', 'Pak, Noja', 'Ludwig van Beethoven',
                'Martin Luther King Jr.', 'King, Jr., Martin Luther', 'Reuters', 'Pak Noja (Vladimir Tikhonov)',
                '', ' ', ',', ', , ,', '((((', 'a,b,c,d');
put('metadata', sprintf('m-%02d', $_), $metadata[$_]) for 0 .. $#metadata;

# ---------------------------------------------------------------- the importers
if (defined $cli) {
    for my $p (sort glob "$cli/pages/*/source.html") {
        (my $n = $p) =~ s{.*/pages/([^/]+)/.*}{$1};
        put('html', "page-$n.html", slurp($p));
    }
    put('refs', 'bib-refs.bib', "\0" . slurp("$cli/sources/refs.bib"));
    put('refs', 'csl-refs.json', "\1" . slurp("$cli/sources/refs.json"));
    for my $p (sort glob "$cli/sources/*.md") {
        (my $n = $p) =~ s{.*/}{};
        $n =~ s/\s+/-/g;
        put('frontmatter', "file-$n", slurp($p));
    }
}
my %html = (
    'jsonld'   => qq~<html><head><script type="application/ld+json">{"\@graph": [{"\@type": "NewsArticle", "headline": "H",~
                . qq~ "author": [{"\@id": "#p"}, {"\@type": "Organization", "name": "O"}], "datePublished": "2024-04-02",~
                . qq~ "publisher": {"\@id": "#o"}}, {"\@id": "#p", "name": "Jane Doe"}, {"\@id": "#o", "name": "Pub"}]}</script>~
                . qq~</head><body><article><p>One, two, three words in a paragraph of text here.</p></article></body></html>~,
    'cdata'    => qq~<script type="application/ld+json"><![CDATA[{"\@type":"BlogPosting","headline":"x"}]]></script><p>t</p>~,
    'badjson'  => qq~<script type="application/ld+json">{"\@type": [1, {}, null], "author": </script><p>t</p>~,
    'deep'     => ('<div>' x 600) . 'deep text, deep text, deep text here' . ('</div>' x 600),
    'meta'     => qq~<meta property="og:title article:tag" content="A | Site"><meta property="og:site_name" content="Site">~
                . qq~<p class="byline">By Ann Lee and Bo Kim, Jr. (http://x)</p><p>Posted by Cy Dee.</p>~,
    'nul'      => "<p>a\0b</p>",
    'latin1'   => "<html><head><meta charset=\"iso-8859-1\"></head><body><p>caf\xE9 \xE9t\xE9, long enough text.</p>",
    'lists'    => '<ul><li>a<ul><li>b</li></ul></li></ul><ol><li>c</li></ol><blockquote><p>q</p><pre>x<br/>y</pre></blockquote>',
    'empty'    => '',
);
put('html', "$_.html", $html{$_}) for keys %html;
my %fm = (
    'toml'     => "+++\ntitle = \"T\"\ndate = 2015-03-27T09:00:00-04:00\ntags = [\"a\", 'b',]\n[params]\n  x.y = { z = [1, [2]] }\n"
                . "[[menu]]\nname = \"\"\"multi\nline\"\"\"\n+++\nText [link](http://x) and ![img](y).\n",
    'toml-bad' => "+++\nkey = \"\\u12\"\n+++\n",
    'yaml'     => "---\ntitle: T\nauthor: [[Name]]\ntags: a b c\ndraft: true\n---\n[[P|A]] ![[e.png]] %% c %% {% x %} {{< y >}} <!-- z -->\n",
    'bomb'     => "---\na: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
                . "d: [*c, *c, *c, *c, *c, *c, *c, *c]\ntitle: t\n---\nText.\n",
    'unclosed' => "---\ntitle: t\n",
    'code'     => "```\n[not](a link)\n```\n`[code](x)` [ref][r]\n\n[r]: http://x\n",
);
put('frontmatter', $_, $fm{$_}) for keys %fm;
my %refs = (
    'bib-string'  => "\0\@string{a = \"x\" # {y}}\n\@misc(k, title = a # \"z\", author = {{A and B} and C, D and E F}, year = 2020, month = jan)",
    'bib-unclosed'=> "\0\@article{k, title = {a {b} c",
    'bib-comment' => "\0\@comment{x} \@preamble{\"y\"} text \@book{k,}",
    'csl-dates'   => "\1" . '[{"id": "a", "issued": {"date-parts": [[2020, 13, 40]]}, "author": [{"family": "F"}, {"literal": "L"}, 3]}, 5, {"id": "b", "issued": {"raw": "x"}}]',
    'csl-bad'     => "\1" . '{"id": "a"}',
);
put('refs', $_, $refs{$_}) for keys %refs;

# ---------------------------------------------------------------- language server
# A seed is one byte choosing how fuzz_lsp cuts the input into reads, then
# what a conversation script sends: `send` JSON values framed, `frame` and
# `raw` strings (\r \n \t \xHH escapes), `rawrepeat`.
if (defined $conversations) {
    require JSON::PP;
    my $json = JSON::PP->new->utf8->canonical;
    sub unescape_conv {
        my ($s) = @_;
        $s =~ s/\\(r|n|t|x([0-9A-Fa-f]{2}))/$1 eq 'r' ? "\r" : $1 eq 'n' ? "\n" : $1 eq 't' ? "\t" : chr(hex $2)/ge;
        return $s;
    }
    sub framed { my ($body) = @_; return "Content-Length: " . length($body) . "\r\n\r\n" . $body }
    for my $script (sort glob "$conversations/*.conv") {
        (my $name = $script) =~ s{.*/|\.conv$}{}g;
        open my $f, '<:raw', $script or die "$script: $!\n";
        my (@blocks, @cur, $dir);
        my @lines = <$f>;
        push @lines, "end\n";
        my @directives;
        for my $line (@lines) {
            chomp $line;
            next if $line =~ /^#/ || $line eq '';
            if ($line =~ /^\s/ && @directives) { $directives[-1][1] .= "\n$line"; next }
            my ($w, $a) = split / /, $line, 2;
            push @directives, [$w, $a // ''];
        }
        for my $d (@directives) {
            my ($w, $a) = @$d;
            $a =~ s/\$\{ROOT_URI\}/file:\/\/\/work/g;
            $a =~ s/\$\{ROOT\}/\/work/g;
            if ($w eq 'test' || $w eq 'end') { push @blocks, join('', @cur) if @cur; @cur = (); next }
            if ($w eq 'send') {
                $json->incr_parse($a);
                while (my $v = $json->incr_parse) { push @cur, framed($json->encode($v)) }
            } elsif ($w eq 'frame') {
                push @cur, framed(unescape_conv($a));
            } elsif ($w eq 'raw') {
                push @cur, unescape_conv($a);
            } elsif ($w eq 'rawrepeat') {
                my ($n, $s) = split / /, $a, 2;
                push @cur, unescape_conv($s) x $n;
            }
        }
        next unless @blocks;
        put('lsp', "conv-$name", "\0" . join('', @blocks));
        put('lsp', "conv-$name-pieces", "\3" . join('', @blocks));
        # each test point after the first, behind the first (initialize)
        for my $i (1 .. $#blocks) {
            put('lsp', sprintf('conv-%s-%02d', $name, $i), chr($i % 8) . $blocks[0] . $blocks[$i]);
        }
    }
}
