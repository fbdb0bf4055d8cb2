"""Vietnamese in an English request read as the English request it makes (agent/vietnamese.py), without a model."""

from __future__ import annotations

import pytest

from whittle.agent.mixed_language import in_plain_english
from whittle.agent.vietnamese import read_vietnamese, shows_vietnamese


@pytest.mark.parametrize(("said", "meant"), [
    ("add buy Tết decoration for front window nha", "add buy Tết decoration for front window"),
    ("dạ make new profile, name it Salon Bellaire", "make new profile, name it Salon Bellaire"),
    ("this hello thing is for what, dạ?", "this hello thing is for what?"),
    ("cảm ơn em nhiều nha", "thank you"),
])
def test_vietnamese_politeness_words_ask_nothing(said, meant):
    assert in_plain_english(said) == meant


@pytest.mark.parametrize(("said", "meant"), [
    ("ok em add cho chị buy more towel nha, towel hết rồi trời ơi", "ok add buy more towel, towel ran out"),
    ("em sửa buy acetone thành buy acetone 2 gallon nha, 1 gallon không đủ xài", "change buy acetone to buy acetone 2 gallon"),
    ("chị viết sai, buy gloves size M phải là buy gloves size S. fix giùm chị",
     "buy gloves size M should be buy gloves size S. fix it"),
    ("the last one bỏ đi em, Hà print cho chị rồi", "the last one, delete it"),
    ("cái ở dưới cùng đó, move lên trên cùng nha", "the bottom one, move to the top"),
    ("add call nail tech Hana for interview, rồi để nó ở top luôn vì tiệm thiếu thợ",
     "add call nail tech Hana for interview and then put it at the top"),
    ("paid Linda commission rồi, check off. còn check Yelp review thì xóa luôn, chị không care nữa",
     "paid Linda commission, check off. and delete check Yelp review too"),
    ("competitor là Regal Nails, Luxury Nail Spa, Happy Nails. rồi analysis thì price, wait time",
     "competitor are Regal Nails, Luxury Nail Spa, Happy Nails. analysis: price, wait time"),
    ("greeting sai rồi em, quay lại greeting step và đổi thành Hello", "go back to greeting step and change it to Hello"),
    ("tạo profile mới tên Tax 2024 nha, chị để riêng đồ thuế", "create a new profile called Tax 2024"),
    ("ủa chair 3 still leaking water, fix pedicure chair 3 chưa xong đâu, un-check it lại đi",
     'chair 3 still leaking water, uncheck "fix pedicure chair 3"'),
    ("em đọc list for chị coi hôm nay còn gì phải làm", "show me the list"),
    ("app này là gì vậy em? chị mới dùng lần đầu", "app này là gì vậy?"),  # a question keeps its mark
])
def test_vietnamese_asking_words_are_read_and_telling_parts_left_out(said, meant):
    assert read_vietnamese(said) == meant


@pytest.mark.parametrize("said", ["add milk to the list", "mets ça là", "the café is closed, tick it"])
def test_a_request_without_vietnamese_words_shows_none(said):
    assert not shows_vietnamese(said)
