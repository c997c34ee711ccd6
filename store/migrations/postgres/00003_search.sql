-- Full-text search (DESIGN.md "Text search"). items.search_text is already the folded
-- text of an item (store.ItemChanged); title_fold is its folded title alone. search_tsv
-- holds both as a tsvector, the title with weight A so that title matches rank first
-- and can be asked for alone (word:A), with a GIN index.
--
-- search_tsv is kept by a trigger rather than being a generated column: a backup copies
-- every column and a restore inserts them back, which PostgreSQL refuses for a
-- generated column; the trigger simply recomputes whatever the restore gives it.
-- The 'simple' configuration does no stemming and has no stop words: the text is
-- already folded in Go, and Vietnamese words are single syllables.

-- +goose Up
ALTER TABLE items ADD COLUMN title_fold TEXT NOT NULL DEFAULT '';
ALTER TABLE items ADD COLUMN search_tsv tsvector;

-- +goose StatementBegin
CREATE FUNCTION items_search_tsv() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_tsv := setweight(to_tsvector('simple', NEW.title_fold), 'A') || to_tsvector('simple', NEW.search_text);
  RETURN NEW;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER items_search_tsv BEFORE INSERT OR UPDATE OF title_fold, search_text ON items
  FOR EACH ROW EXECUTE FUNCTION items_search_tsv();

-- Backfill. loa.Fold is Go; this is the same folding for the Latin letters (the table
-- below is Fold applied to each letter of the Latin blocks: every Vietnamese letter is
-- there): NFC first so decomposed text folds alike, stray combining marks and
-- invisible format characters dropped, anything else that is not [a-z0-9] a space.
-- Titles in other scripts lose those letters here until the item is next saved.
UPDATE items SET title_fold = btrim(regexp_replace(regexp_replace(
  lower(translate(normalize(title, NFC),
    'ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ',
    'aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyyaabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeeeeeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy')),
  '[\u0300-\u036f\u00ad\u200b-\u200f\u2060\ufeff]', '', 'g'), '[^a-z0-9]+', ' ', 'g'));

CREATE INDEX items_search ON items USING GIN (search_tsv);

-- +goose Down
DROP INDEX items_search;
DROP TRIGGER items_search_tsv ON items;
DROP FUNCTION items_search_tsv();
ALTER TABLE items DROP COLUMN search_tsv;
ALTER TABLE items DROP COLUMN title_fold;
