from cache_demo import doubled


def test_doubled():
    assert doubled() == 84


def test_checkout_is_tested():
    import cache_demo

    assert cache_demo.__doc__ == "Doubles what the dependency gives."
