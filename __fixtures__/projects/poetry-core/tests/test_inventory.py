from demo_poetry import Inventory


def test_add_and_take():
    inv = Inventory()
    inv.add("apple", 2)
    assert inv.take("apple")
    assert inv.items == {"apple": 1}


def test_take_missing():
    assert not Inventory().take("pear")
